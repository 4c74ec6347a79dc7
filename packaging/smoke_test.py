"""Smoke test of the frozen bundle (dist/mashdesk/): run after `make dist`.

Starts the frozen desktop app offscreen with --version and with --smoke-test on a temporary store
(created with a synthetic administrator, signed in, main window opened and closed), runs it again
on the now existing store, checks the frozen command line, the log file and the bundled files.
Prints what it checked and the bundle size; exits non-zero on the first failure.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXE = ".exe" if sys.platform == "win32" else ""
PLATFORM_PLUGINS = {
    "linux": ("libqoffscreen.so", "libqxcb.so"),
    "win32": ("qoffscreen.dll", "qwindows.dll"),
}


def run(cmd: list[str], env: dict[str, str], timeout: int = 180) -> subprocess.CompletedProcess[str]:
    started = time.perf_counter()
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
    shown = " ".join([Path(cmd[0]).name, *cmd[1:]])
    print(f"$ {shown}  [{time.perf_counter() - started:.1f} s, exit {result.returncode}]")
    for line in (result.stdout + result.stderr).strip().splitlines():
        print(f"    {line}")
    return result


def check(condition: bool, what: str) -> None:
    if not condition:
        print(f"FAILED: {what}")
        sys.exit(1)
    print(f"ok: {what}")


def folder_size(path: Path) -> tuple[int, int]:
    # PyInstaller links some libraries into two places: count each file once.
    files = [p for p in path.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "mashdesk")
    args = parser.parse_args()
    bundle: Path = args.bundle
    gui = bundle / f"mashdesk-gui{EXE}"
    cli = bundle / f"mashdesk{EXE}"
    check(gui.is_file() and cli.is_file(), f"both executables in {bundle}")
    internal = bundle / "_internal"
    for name in ("default.yaml", "early_help_l3.yaml"):
        check((internal / "mashdesk" / "rules" / "packs" / name).is_file(), f"rules pack {name} bundled")
    check((internal / "packaging" / "icons" / "mashdesk.png").is_file(), "icon bundled")
    plugins = list(internal.rglob("platforms/*"))
    for plugin in PLATFORM_PLUGINS.get(sys.platform, ()):
        check(any(p.name == plugin for p in plugins), f"Qt platform plugin {plugin} bundled")
    models = list(internal.rglob("*.skops"))
    print(f"note: {len(models)} shipped .skops model files (models are trained into the store, none ship by default)")

    with tempfile.TemporaryDirectory(prefix="mashdesk-smoke-") as tmp:
        tmp_path = Path(tmp)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "MASHDESK_"))}
        env.update(
            QT_QPA_PLATFORM="offscreen",
            MASHDESK_DATA_DIR=str(tmp_path / "data"),
            # Keep QSettings (window state) out of the real profile.
            XDG_CONFIG_HOME=str(tmp_path / "config"),
            HOME=str(tmp_path / "home"),
        )
        result = run([str(gui), "--version"], env)
        check(result.returncode == 0 and result.stdout.startswith("MASHdesk "), "mashdesk-gui --version answers")
        db = tmp_path / "store" / "mashdesk.db"
        result = run([str(gui), "--smoke-test", "--db", str(db)], env)
        check(
            result.returncode == 0 and "smoke test: ok" in result.stdout,
            "new store: set up, signed in, window opened, clean exit",
        )
        check("Frozen bundle: yes" in result.stdout, "the app knows it runs from the frozen bundle")
        check(db.is_file(), "store file created")
        result = run([str(gui), "--smoke-test", "--db", str(db)], env)
        check(result.returncode == 0 and "(existing)" in result.stdout, "existing store reopened, clean exit")
        log_file = tmp_path / "data" / "logs" / "mashdesk.log"
        logged = log_file.is_file() and "desktop app starting" in log_file.read_text(encoding="utf-8")
        check(logged, f"log written to {log_file}")
        result = run([str(cli), "--version"], env)
        check(result.returncode == 0 and "mashdesk" in result.stdout, "mashdesk --version answers")
        result = run([str(cli), "--db", str(db), "rules", "validate", "default"], env)
        check(result.returncode == 0, "frozen CLI validates the bundled default pack")
        result = run([str(cli), "--db", str(db), "settings", "list"], env)
        check(result.returncode == 0 and "rules_pack" in result.stdout, "frozen CLI reads the store's settings")

        # Above PARALLEL_MIN_FILES intake parses in worker processes: frozen programs must start them.
        drop = tmp_path / "drop"
        drop.mkdir()
        for i in range(300):
            (drop / f"{i:03d}.eml").write_text(
                f"From: duty@school{i}.sch.uk\nTo: mash@ourtown.example\nSubject: Synthetic concern {i}\n"
                f"Message-ID: <smoke-{i}@synthetic.example>\nDate: Mon, 23 Nov 2026 09:00:00 +0000\n\n"
                f"SYNTHETIC TEST DATA. Pupil Test Child{i} (age 9) came to school hungry again today.\n",
                encoding="utf-8",
            )
        result = run([str(cli), "--db", str(tmp_path / "ingest.db"), "ingest", str(drop)], env)
        ingested = result.returncode == 0 and "new 300" in result.stdout
        check(ingested, "frozen CLI ingests 300 files with worker processes")

    size, count = folder_size(bundle)
    print(f"bundle: {bundle} {size / 1_000_000:.1f} MB in {count} files")
    print("smoke test of the frozen bundle: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
