"""``guidestyle simulate QUESTIONNAIRE``: what a questionnaire can say, from simulated
respondents: its answer space, and respondents who answer partly for one style and partly
for another."""

# ruff: noqa: PLC0415 - the library is imported when the command runs (see guidestyle._cli)

from __future__ import annotations

import argparse

from .arguments import add_questionnaire_argument

SIMULATION_FORMATS = ("text", "html", "json")  # guidestyle._simulation_report.SimulationFormat


def _share(text: str) -> float:
    try:
        share = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a number from 0.5 to 1, found {text!r}"
        ) from None
    if not 0.5 <= share <= 1:
        raise argparse.ArgumentTypeError(f"expected a number from 0.5 to 1, found {text!r}")
    return share


def _samples(text: str) -> int:
    from .._simulate import MAX_SAMPLES

    if not text.isdigit() or not 1 <= int(text) <= MAX_SAMPLES:
        raise argparse.ArgumentTypeError(
            f"expected a whole number from 1 to {MAX_SAMPLES:,}, found {text!r}"
        )
    return int(text)


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "simulate",
        help="simulate respondents: how often each style and strength comes out",
        description=(
            "Answer QUESTIONNAIRE with simulated respondents and count how often each style is "
            "recommended, how clearly, and how the margin over the runner-up spreads: over "
            "its answer space (every combination when there are few, else a seeded sample), "
            "and for two-sided respondents who answer a share of the questions for one style "
            "and the rest for another. See docs/format.md."
        ),
    )
    add_questionnaire_argument(parser)
    parser.add_argument(
        "--samples",
        type=_samples,
        default=2_000,
        metavar="N",
        help="respondents per group at most (default: 2,000)",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the draws (default: 0)")
    parser.add_argument(
        "--share",
        type=_share,
        action="append",
        metavar="S",
        help="share of the questions two-sided respondents answer for the first style of a "
        "pair, from 0.5 to 1; repeat for several (default: 0.5 and 0.8)",
    )
    parser.add_argument(
        "--format", choices=SIMULATION_FORMATS, default="text", help="output format (default: text)"
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")
    parser.add_argument(
        "--language", help="language of the report (default: the questionnaire's first)"
    )
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    from .._simulate import DEFAULT_SHARES, simulate
    from .._simulation_report import render_simulation
    from .common import questionnaire_from, write_output

    questionnaire = questionnaire_from(arguments)
    simulation = simulate(
        questionnaire,
        samples=arguments.samples,
        seed=arguments.seed,
        shares=arguments.share or DEFAULT_SHARES,
    )
    report = render_simulation(
        simulation, questionnaire, arguments.format, language=arguments.language
    )
    write_output(report, arguments.output)
    return 0
