"""What a score and its grade mean in measured terms: ``copydesk explain`` and the reports' footers.

Every figure comes from the model file itself, from its ``reference`` block: the share
per grade of each labelled group of the data the model was fitted on, computed by the
fitter (``scripts/fit_model.py`` for the packaged model, ``copydesk learn-weights`` for
a user's own). Nothing here is a measurement. A group's label, the model's file name
and version are text from the model file: each writer that shows a line neutralises
it (:mod:`copydesk.safety`), once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from copydesk.config import Config
from copydesk.model import Model, ReferenceGroup, grade_meaning
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


def explanation(model: Model, name: str, settings: ScoringSettings) -> list[str]:
    """``copydesk explain`` without a rule: how the score is made and what its grades mean."""
    scorers = sorted({f.scorer for f in model.features})
    which = "the packaged model" if name == PACKAGED else f"the model file {name}"
    lines = [
        f"The score (0-100) comes from {which}: {len(model.features)} features of {len(scorers)} scorer(s)"
        f" ({', '.join(scorers) or 'none'}), written by copydesk {model.copydesk_version or '?'}.",
        "",
        "Each scorer measures features of the article (densities per 1,000 words, shares of sentences, counts)."
        " The model compares each with its reference copy: a typical value costs nothing, a rarer one costs in"
        " proportion to how rare, and more evidence of good sourcing than is typical earns a small credit."
        " The weighted costs give the score (100: nothing costs anything); a report's contribution per scorer is"
        " the points it cost, and they add up to 100 minus the score."
        f" A copy the truncation scorer is sure was cut loses up to {100 * model.truncation_penalty:.0f} % of its score.",
    ]
    if len(settings.grades) >= 2:  # the minimum-evidence floor (copydesk.scoring.evidence_floor)
        band, floor = settings.grades[1]
        lines[-1] += (
            f" An article of fewer than {settings.min_words} words with no finding scores at least {floor:g}"
            f" (grade {band}) before that cut."
        )
    if model.calibration:
        share, floor = model.calibration.get("share", 0.0), model.calibration.get("floor", 0.0)
        lines.append(
            f"The model is calibrated so that {100 * share:.0f} % of its reference copy scores at least {floor:g}."
        )
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
