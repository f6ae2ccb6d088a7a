"""What a score and its grade mean in measured terms: ``copydesk explain`` and the reports' footers.

Every figure comes from the model file itself, from its ``reference`` block: the share
per grade of each labelled group of the data the model was fitted on, computed by the
fitter (``scripts/fit_model.py`` for the packaged model, ``copydesk learn-weights`` for
a user's own). Nothing here is a measurement. A group's label, the model's file name
and version are text from the model file: each writer that shows a line neutralises
it (:mod:`copydesk.safety`), once.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from copydesk.config import Config
from copydesk.model import Model, ReferenceGroup, grade_meaning, rarity_cost
from copydesk.scoring import ScoringSettings
from copydesk.session import Session

#: How :attr:`copydesk.models.RunInfo.model` names the model shipped with copydesk.
PACKAGED = "packaged"


def model_name(config: Config) -> str:
    """``packaged``, or the model file the configuration names (``[scoring] model``, ``--model``)."""
    path = config.model_path()
    return PACKAGED if path is None else str(path)


def heading(name: str) -> str:
    """The line above the figures, naming the model."""
    which = "the packaged model" if name == PACKAGED else f"the model {name}"
    return f"What the grades mean under {which}, measured on the data it was fitted on:"


def sentences(reference: Sequence[ReferenceGroup]) -> tuple[str, ...]:
    """One line per group: "Of <label> (N articles), 71 % grade A, 24 % B, ...".

    The label is the model file's text: the writer that shows the line neutralises it.
    """
    return tuple(grade_meaning(reference))


def _floors(floors: Mapping[str, float]) -> str:
    return ", ".join(f"{band} {floor:g}" for band, floor in sorted(floors.items(), key=lambda kv: -kv[1]))


def _grades(settings: ScoringSettings) -> str:
    bands = [f"{band} >= {floor:g} ({settings.verdicts.get(band, '')})" for band, floor in settings.grades[:-1]]
    if settings.grades:
        band, _ = settings.grades[-1]
        above = f" below {settings.grades[-2][1]:g}" if len(settings.grades) > 1 else ""
        bands.append(f"{band}{above} ({settings.verdicts.get(band, '')})")
    return "; ".join(bands)


def floors_note(model: Model, settings: ScoringSettings) -> str:
    """The caveat under the figures when the run's grade floors are not those they were measured with ("" if same)."""
    if not model.reference or not model.grade_floors or dict(settings.grades[:-1]) == dict(model.grade_floors):
        return ""  # no figures, or none of the floors they were measured with recorded, or the same floors
    return (
        f"Your [scoring.grades] floors ({_floors(dict(settings.grades[:-1]))}) differ from those of the"
        f" measurement ({_floors(model.grade_floors)}): the shares are for the model's floors."
    )


def _credits(model: Model) -> str:
    """How many features credit a typical value, and the sum ``z`` of an article at every median, in words."""
    medians = {f.key: f.quantiles[50] for f in model.features}
    crediting = sum(rarity_cost(f, f.quantiles[50], model.reference_size) < -0.01 for f in model.features)
    return (
        f"A typical value can earn it too: {crediting} of the {len(model.features)} features credit their own"
        " median (a problem that the reference copy usually lacks, with a median of 0, earns the largest credit at"
        f" 0), so the weighted costs of an article at the median of every feature sum to {model.z(medians):.2f}, not 0."
    )


#: The reference group the calibration is measured on: the packaged model's professional copy,
#: a ``learn-weights`` model's reliable articles.
REFERENCE_GROUPS = ("professional", "reliable")
#: Below this many reference articles the calibration line says how coarse its shares are.
SMALL_REFERENCE = 100


def calibration(model: Model) -> str:
    """The calibration target, measured before the truncation factor, and the share the figures show after it."""
    share, floor = model.calibration.get("share", 0.0), model.calibration.get("floor", 0.0)
    line = (
        f"The model is calibrated so that {100 * share:.0f} % of its reference copy scores at least {floor:g}"
        " before the truncation factor"
    )
    group = next((g for g in model.reference if g.name in REFERENCE_GROUPS), None)
    if group is not None and model.grade_floors:
        after = math.fsum(v for band, v in group.grades.items() if model.grade_floors.get(band, -1.0) >= floor)
        line += f"; after it, as in the figures below, {100 * after:.0f} % does"
    if 0 < model.reference_size < SMALL_REFERENCE:
        line += (
            f" (its reference is {model.reference_size} articles, so a share moves in steps of"
            f" {100 / model.reference_size:.0f} % and the target falls between two of them)"
        )
    return line + "."


def explanation(model: Model, name: str, settings: ScoringSettings) -> list[str]:
    """``copydesk explain`` without a rule: how the score is made and what its grades mean."""
    scorers = sorted({f.scorer for f in model.features})
    which = "the packaged model" if name == PACKAGED else f"the model file {name}"
    lines = [
        f"The score (0-100) comes from {which}: {len(model.features)} features of {len(scorers)} scorer(s)"
        f" ({', '.join(scorers) or 'none'}), written by copydesk {model.copydesk_version or '?'}.",
        "",
        "Each scorer measures features of the article (densities per 1,000 words, shares of sentences, counts)."
        " The model compares each with its reference copy: a value rarer than the reference's median costs in"
        " proportion to how rare, and a value on the better side of the median earns a credit (at most ln 2 per"
        f" feature). {_credits(model)} Credits offset costs: the weighted costs less the credits give the score,"
        " which stays at 100 while the credits outweigh the costs, so a 100 does not mean nothing is unusual and can"
        " come with warnings. A report's contribution per scorer is the points it cost, net of its credits (all 0 at"
        " 100), and they add up to 100 minus the score."
        f" A copy the truncation scorer is sure was cut loses up to {100 * model.truncation_penalty:.0f} % of its score.",
    ]
    if len(settings.grades) >= 2:  # the minimum-evidence floor (copydesk.scoring.evidence_floor)
        band, floor = settings.grades[1]
        lines[-1] += (
            f" An article of fewer than {settings.min_words} words with no finding scores at least {floor:g}"
            f" (grade {band}) before that cut."
        )
    if model.calibration:
        lines.append(calibration(model))
    lines += ["", f"Grades ([scoring.grades]): {_grades(settings)}.", ""]
    if not model.reference:
        lines.append(
            "This model file carries no measured grade figures (a format-1 file): re-fit it"
            " (copydesk learn-weights ... -o FILE, or scripts/fit_model.py) to have them."
        )
    else:
        lines.append(heading(name))
        lines += [f"  {line}" for line in sentences(model.reference)]
        if model.grade_floors:  # an optional block: without it the floors measured with are unknown
            lines.append(f"  (grade floors of the measurement: {_floors(model.grade_floors)}.)")
            if dict(settings.grades[:-1]) != dict(model.grade_floors):
                lines.append("  Your [scoring.grades] floors differ from these: the shares are for the model's floors.")
    lines += ["", "A rule's documentation: copydesk explain CODE (copydesk rules lists every rule)."]
    return lines


def explain_score(session: Session) -> list[str]:
    """:func:`explanation` for the session's model and grades."""
    return explanation(session.runner.model, model_name(session.config), session.config.scoring())
