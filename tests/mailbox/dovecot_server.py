"""A throwaway Dovecot IMAP server on 127.0.0.1 for tests (Debian's dovecot-imapd, 2.3.x).

Runs in the foreground (`dovecot -F -c CONFIG`) with passwd-file users (one file each) holding
plaintext test passwords and Maildir storage in a temporary folder. Dovecot will not serve mail
to uid 0 and its login processes refuse to run as root, so when the tests run as root the whole
server is started as the unprivileged `dovecot` (or `nobody`) user in a folder that user owns.
"""

from __future__ import annotations

import contextlib
import grp
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from imapclient import IMAPClient

CONFIG = """\
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
instance_name = mashdesk-test-{port}
log_path = {root}/dovecot.log
{ssl}
disable_plaintext_auth = no
auth_mechanisms = plain login
# answer failed logins at once (the default delay and per-IP penalty would slow the tests)
auth_failure_delay = 0
first_valid_uid = 1
first_valid_gid = 1
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {user}
mail_location = maildir:{root}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users/%u
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {root}/users/%u
  default_fields = uid={user} gid={group} home={root}/home/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {imaps_port}
  }}
}}
service anvil {{
  chroot =
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service stats {{
  chroot =
}}
"""


SSL_ON = """\
ssl = yes
ssl_cert = <{root}/tls/cert.pem
ssl_key = <{root}/tls/key.pem"""


def make_self_signed(folder: Path) -> Path:
    """A throwaway certificate for 127.0.0.1 (openssl ships with dovecot's ssl-cert dependency);
    returns the certificate, which clients use as their CA file."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
        + ["-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")]
        + ["-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True,
        capture_output=True,
    )
    return folder / "cert.pem"


def dovecot_binary() -> str | None:
    """The dovecot binary; MASHDESK_DOVECOT overrides (a path, or "none" to skip IMAP tests)."""
    override = os.environ.get("MASHDESK_DOVECOT")
    if override:
        return None if override.lower() == "none" else override
    found = shutil.which("dovecot")
    if found:
        return found
    for candidate in ("/usr/sbin/dovecot", "/usr/local/sbin/dovecot"):
        if os.access(candidate, os.X_OK):
            return candidate
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _run_as() -> tuple[str, str] | None:
    """(user, group) to drop to when we are root, else None (run as ourselves)."""
    if os.getuid() != 0:
        return None
    for name in ("dovecot", "nobody"):
        try:
            entry = pwd.getpwnam(name)
        except KeyError:
            continue
        return name, grp.getgrgid(entry.pw_gid).gr_name
    raise RuntimeError("running as root and neither a 'dovecot' nor a 'nobody' user exists")


class PortTaken(RuntimeError):
    pass


class DovecotServer:
    def __init__(self, binary: str, *, tls: bool = False) -> None:
        self.binary = binary
        self.tls = tls
        self.port = free_port()
        self.imaps_port = free_port() if tls else 0
        self.root = Path(tempfile.mkdtemp(prefix="mashdesk-dovecot-"))
        self._drop = _run_as()
        if self._drop:
            self.user, self.group = self._drop
        else:
            self.user = pwd.getpwuid(os.getuid()).pw_name
            self.group = grp.getgrgid(os.getgid()).gr_name
        self.passwords: dict[str, str] = {}
        self.process: subprocess.Popen[bytes] | None = None
        self._started_once = False
        (self.root / "users").mkdir()
        self.ca_file = make_self_signed(self.root / "tls") if tls else None
        self._write_config()

    def _chown(self) -> None:
        if not self._drop:
            return
        entry = pwd.getpwnam(self.user)
        for path in [self.root, *self.root.rglob("*")]:
            os.chown(path, entry.pw_uid, entry.pw_gid, follow_symlinks=False)

    def add_user(self, name: str, password: str) -> None:
        # one passwd file per user: Dovecot re-reads a changed file at most once a second
        self.passwords[name] = password
        (self.root / "users" / name).write_text(f"{name}:{{PLAIN}}{password}::::::\n")
        self._chown()

    def _write_config(self) -> None:
        ssl = SSL_ON.format(root=self.root) if self.tls else "ssl = no"
        (self.root / "dovecot.conf").write_text(
            CONFIG.format(
                root=self.root,
                port=self.port,
                imaps_port=self.imaps_port,
                user=self.user,
                group=self.group,
                ssl=ssl,
            )
        )
        self._chown()

    def start(self, timeout: float = 15.0) -> None:
        """Start and wait for the greeting. The first start may move to another free port if
        the chosen one was taken meanwhile; a restart keeps its port."""
        for attempt in range(3):
            try:
                self._start_once(timeout)
                self._started_once = True
                return
            except PortTaken:
                if self._started_once or attempt == 2:
                    raise
                self.port = free_port()
                self.imaps_port = free_port() if self.tls else 0
                self._write_config()

    def _start_once(self, timeout: float) -> None:
        kwargs: dict[str, object] = {}
        if self._drop:
            kwargs = {"user": self.user, "group": self.group, "extra_groups": []}
        self.process = subprocess.Popen(
            [self.binary, "-F", "-c", str(self.root / "dovecot.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,  # its own process group, so stop() also ends imap children
            **kwargs,  # type: ignore[call-overload]
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                err = self.process.stderr.read().decode() if self.process.stderr else ""
                self.process = None
                text = f"dovecot exited at start: {err}\n{self.log()}"
                if "Address already in use" in text:
                    raise PortTaken(text)
                raise RuntimeError(text)
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    if s.recv(64).startswith(b"* OK"):
                        return
            except OSError:
                pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"dovecot did not answer on port {self.port}:\n{self.log()}")

    def stop(self) -> None:
        """Stop the server and every process it started, dropping open client connections
        (the master alone would leave running imap processes serving their clients)."""
        if self.process is None:
            return
        group = self.process.pid
        self._signal_group(group, signal.SIGTERM)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)
        self._signal_group(group, signal.SIGKILL)
        if self.process.stderr:
            self.process.stderr.close()
        self.process = None
        # the master removes its pid file on a clean exit; a stale one blocks the next start
        (self.root / "run" / "master.pid").unlink(missing_ok=True)

    @staticmethod
    def _signal_group(group: int, sig: int) -> None:
        try:
            os.killpg(group, sig)
        except (ProcessLookupError, PermissionError):
            pass

    def restart(self) -> None:
        self.stop()
        self.start()

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def client(self, user: str) -> IMAPClient:
        c = IMAPClient("127.0.0.1", self.port, ssl=False, timeout=10)
        c.login(user, self.passwords[user])
        return c

    def append(self, user: str, messages: list[bytes], folder: str = "INBOX") -> None:
        c = self.client(user)
        try:
            if not c.folder_exists(folder):
                c.create_folder(folder)
            for m in messages:
                c.append(folder, m)
        finally:
            c.logout()

    def uids(self, user: str, folder: str = "INBOX") -> list[int]:
        c = self.client(user)
        try:
            if not c.folder_exists(folder):
                return []
            c.select_folder(folder, readonly=True)
            return sorted(int(u) for u in c.search(["ALL"]))
        finally:
            c.logout()


@contextlib.contextmanager
def running_dovecot(binary: str, *, tls: bool = False) -> Iterator[DovecotServer]:
    """A started server, stopped and deleted afterwards (also when it fails to start)."""
    server = DovecotServer(binary, tls=tls)
    try:
        server.start()
        yield server
    finally:
        server.close()
