"""Render the first-run wizard's pages to PNG (for the README and docs): offscreen, synthetic values.

Usage: python packaging/wizard_screenshots.py [OUT_DIR]   (default: docs/screenshots)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ui.app import make_app  # noqa: E402
from ui.first_run import FirstRunWizard  # noqa: E402


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = make_app(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        wizard = FirstRunWizard(default_folder=Path(tmp) / "MASHdesk")
        wizard.folder_page.folder.setText(r"D:\MASHdesk")
        wizard.resize(760, 520)
        wizard.show()
        shots = ["first_run_folder.png", "first_run_admin.png", "first_run_pack.png", "first_run_start.png"]
        for i, name in enumerate(shots):
            if i == 1:
                page = wizard.admin_page
                page.username.setText("it.admin")
                page.full_name.setText("Ida Admin (synthetic)")
            QApplication.processEvents()  # one-off render script, not app code: let the page lay out
            wizard.grab().save(str(out / name))
            print(out / name)
            if i == 1:
                page.password.setText("synthetic-admin-pass")
                page.confirm.setText("synthetic-admin-pass")
            wizard.next()
        wizard.close()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
