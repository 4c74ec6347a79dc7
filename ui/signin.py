"""Sign-in dialog: username and password checked by mashdesk.accounts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from mashdesk.store import Store
from ui.context import CurrentUser

Authenticator = Callable[[Store, str, str], CurrentUser]


def accounts_sign_in(store: Store, username: str, password: str) -> CurrentUser:
    """Sign in through mashdesk.accounts; raises with a plain message when refused."""
    from mashdesk import accounts  # imported late: the capability may arrive after this module

    session = accounts.sign_in(store, username, password)
    user = getattr(session, "user", session)
    return CurrentUser(
        username=getattr(user, "username", username),
        full_name=getattr(user, "full_name", username),
        role=getattr(user, "role", "social_worker"),
        session=session,
    )


class SignInDialog(QDialog):
    def __init__(
        self,
        store: Store,
        authenticate: Authenticator = accounts_sign_in,
        parent: QWidget | None = None,
        username: str = "",
        hint: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sign in to MASHdesk")
        self.store = store
        self.authenticate = authenticate
        self.user: CurrentUser | None = None
        self.username = QLineEdit(username)
        self.username.setAccessibleName("Username")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password")
        self.error = QLabel()
        self.error.setAccessibleName("Sign-in error")
        self.error.setStyleSheet("QLabel { color: #c03030; }")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Username", self.username)
        form.addRow("&Password", self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Sign in")
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Store: {store.path}"))
        if hint:
            note = QLabel(hint)
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        (self.password if username else self.username).setFocus()

    def try_sign_in(self) -> None:
        try:
            self.user = self.authenticate(self.store, self.username.text().strip(), self.password.text())
        except Exception as exc:  # noqa: BLE001 - every refusal is shown, in the core's words
            self.error.setText(str(exc) or type(exc).__name__)
            self.password.clear()
            return
        self.accept()
