"""Turn the PATH arguments of an ingest (files, folders, globs) into a list of files."""
from __future__ import annotations

import glob
import os
import stat
from pathlib import Path

from .regular import kind_of


# A folder holds reports beside scripts, images and notes: only these are taken from one.
# A file named on the command line is always read (the reader says why if it is not text).
REPORT_SUFFIXES = frozenset({".txt", ".text", ".md"})


def resolved(path: Path) -> Path:
    """The path with its links followed; a link that loops or leads nowhere stays as written (absolute)."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):  # RuntimeError: Python 3.11 reports a symbolic link loop this way
        return Path(os.path.abspath(path))


def special(path: Path) -> str | None:
    """Why `path` is no file to read (a link that loops or leads nowhere, a FIFO, a device), or None."""
    try:
        mode = os.stat(path).st_mode
    except OSError as err:
        if os.path.islink(path):
            return f"a symbolic link that leads nowhere ({err.strerror})"
        if isinstance(err, FileNotFoundError):
            return None
        return f"cannot be opened ({err.strerror or err})"  # a name too long for the system, a folder we may not enter
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return f"{kind_of(mode)}, not a report file"


def walk(folder: Path, passed_over: list[tuple[str, str]]) -> list[Path]:
    """Every path under `folder` bar hidden ones, sorted; symbolic links are listed, never walked into.

    A stack, not recursion (`Path.rglob` gave up on a folder nested 1,000 deep and so lost the
    whole folder): a folder that cannot be opened (unreadable, a name too long for the system)
    is one line in `passed_over`, and the rest of the walk goes on.
    """
    found, stack = [], [folder]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as entries:
                listed = [entry for entry in entries if not entry.name.startswith(".")]
        except OSError as err:
            passed_over.append((str(current), f"cannot read the folder ({err.strerror or err})"))
            continue
        for entry in listed:
            found.append(Path(entry.path))
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(Path(entry.path))
            except OSError:
                continue
    return sorted(found)


def _folder_files(folder: Path, passed_over: list[tuple[str, str]]) -> list[Path]:
    """The report files under the folder bar hidden ones; other files are passed over, with the reason."""
    files = []
    found = walk(folder, passed_over)
    said = {name for name, _ in passed_over}  # a folder the walk could not open is said once
    for path in found:
        if str(path) in said:
            continue
        why = special(path)
        if why:
            passed_over.append((str(path), why))
            continue
        if not path.is_file():
            continue
        if path.suffix.lower() in REPORT_SUFFIXES:
            files.append(path)
        else:
            passed_over.append((str(path), f"not a report file in a folder ({', '.join(sorted(REPORT_SUFFIXES))})"))
    return files


def expand_paths(paths) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files to ingest, in a stable order without repeats, and what was left out with the reason."""
    files: list[Path] = []
    missing: list[tuple[str, str]] = []
    for arg in paths:
        path = Path(arg).expanduser()
        why = special(path)
        if why:
            missing.append((str(arg), why))
        elif path.is_dir():
            files.extend(_folder_files(path, missing))
        elif path.exists():
            files.append(path)
        elif glob.has_magic(str(arg)):
            matched = sorted(glob.glob(str(path), recursive=True))
            if not matched:
                missing.append((str(arg), "no file matches this pattern"))
            for name in matched:
                found = Path(name)
                files.extend(_folder_files(found, missing) if found.is_dir() else [found])
        else:
            missing.append((str(arg), "no such file or folder"))
    unique: dict[str, Path] = {}
    for path in files:
        unique.setdefault(str(resolved(path)), path)
    return list(unique.values()), missing
