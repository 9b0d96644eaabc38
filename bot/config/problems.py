"""What a config check reports: located problems and the error that carries them."""

from __future__ import annotations

from dataclasses import dataclass

Loc = tuple[str | int, ...]


class ConfigError(Exception):
    """The practice config is unusable; `problems` holds one formatted line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Problem:
    """`text` ("<problem> — <how to fix>") about the field at `loc`; `line` overrides the lookup."""

    loc: Loc
    text: str
    line: int | None = None


def path_text(loc: Loc) -> str:
    """("people", 1, "scopes", 2) -> "people[1].scopes[2]"."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def format_problems(path: str, problems: list[Problem], lines: dict[Loc, int]) -> list[str]:
    """One "<path>:<line>: <field path>: <text>" line per problem, in file order."""
    located = sorted(
        ((problem.line or _line_of(problem.loc, lines), problem) for problem in problems),
        key=lambda pair: pair[0],
    )
    return [_format_line(path, line, problem) for line, problem in located]


def _format_line(path: str, line: int, problem: Problem) -> str:
    where = path_text(problem.loc)
    return f"{path}:{line}: {where}: {problem.text}" if where else f"{path}:{line}: {problem.text}"


def _line_of(loc: Loc, lines: dict[Loc, int]) -> int:
    """The line of `loc`, else of its nearest parent found in the file, else 1."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return 1
