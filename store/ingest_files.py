"""Turn the PATH arguments of an ingest (files, folders, globs) into a list of files."""
from __future__ import annotations

import glob
from pathlib import Path


# A folder holds reports beside scripts, images and notes: only these are taken from one.
# A file named on the command line is always read (the reader says why if it is not text).
REPORT_SUFFIXES = frozenset({".txt", ".text", ".md"})


def _folder_files(folder: Path, passed_over: list[tuple[str, str]]) -> list[Path]:
    """The report files under the folder bar hidden ones; other files are passed over, with the reason."""
    files = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or any(part.startswith(".") for part in path.relative_to(folder).parts):
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
        if path.is_dir():
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
        unique.setdefault(str(path.resolve()), path)
    return list(unique.values()), missing
