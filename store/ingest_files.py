"""Turn the PATH arguments of an ingest (files, folders, globs) into a list of files."""
from __future__ import annotations

import glob
from pathlib import Path


def _folder_files(folder: Path) -> list[Path]:
    """Every file under the folder bar hidden ones; the reader says why any is not text."""
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )


def expand_paths(paths) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files to ingest, in a stable order without repeats, and the arguments that matched nothing."""
    files: list[Path] = []
    missing: list[tuple[str, str]] = []
    for arg in paths:
        path = Path(arg).expanduser()
        if path.is_dir():
            files.extend(_folder_files(path))
        elif path.exists():
            files.append(path)
        elif glob.has_magic(str(arg)):
            matched = sorted(glob.glob(str(path), recursive=True))
            if not matched:
                missing.append((str(arg), "no file matches this pattern"))
            for name in matched:
                found = Path(name)
                files.extend(_folder_files(found) if found.is_dir() else [found])
        else:
            missing.append((str(arg), "no such file or folder"))
    unique: dict[str, Path] = {}
    for path in files:
        unique.setdefault(str(path.resolve()), path)
    return list(unique.values()), missing
