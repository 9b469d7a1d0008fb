"""A throwaway PostgreSQL cluster that behaves like Aurora where the shared one cannot.

The shared server on 5432 trusts every connection from 127.0.0.1, so a wrong password or a
missing certificate would go unnoticed there. This cluster accepts network connections only
over TLS (``hostssl`` in pg_hba.conf) and only with a SCRAM password, as Aurora does with
``rds.force_ssl``; the tests administer it through its Unix socket. Its server certificate
is issued by a CA made here, so ``sslmode=verify-full`` can be tested end to end.
"""

from __future__ import annotations

import datetime
import glob
import ipaddress
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import psycopg
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


def server_binaries() -> tuple[str, str] | None:
    """initdb and pg_ctl of the newest installed server, or None when there is none."""
    for version_dir in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        initdb, pg_ctl = Path(version_dir, "initdb"), Path(version_dir, "pg_ctl")
        if initdb.is_file() and pg_ctl.is_file():
            return str(initdb), str(pg_ctl)
    initdb_on_path, pg_ctl_on_path = shutil.which("initdb"), shutil.which("pg_ctl")
    if initdb_on_path and pg_ctl_on_path:
        return initdb_on_path, pg_ctl_on_path
    return None


@dataclass(frozen=True)
class CertificateAuthority:
    certificate: Path
    key: ec.EllipticCurvePrivateKey
    subject: x509.Name


def make_authority(directory: Path, name: str) -> CertificateAuthority:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    path = directory / f"{name}.pem"
    path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return CertificateAuthority(certificate=path, key=key, subject=subject)


def _issue_server_certificate(authority: CertificateAuthority, cert: Path, key_path: Path) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
        .issuer_name(authority.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .sign(authority.key, hashes.SHA256())
    )
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_server_user(cmd: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root; as root it runs as the postgres system user.
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


class PrivatePostgres:
    """TLS-only, password-only PostgreSQL on a free loopback port."""

    def __init__(self, initdb: str, pg_ctl: str) -> None:
        self.pg_ctl = pg_ctl
        self.root = Path(tempfile.mkdtemp(prefix="habits-tls-pg-"))
        self.port = _free_port()
        self.data = self.root / "data"
        self.authority = make_authority(self.root, "habits-test-ca")
        os.chmod(self.root, 0o755)  # noqa: S103 - the socket and CA file must be reachable
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        subprocess.run(
            _as_server_user(
                [initdb, "-D", str(self.data), "-U", "postgres", "--auth-local=trust",
                 "--auth-host=reject", "--no-instructions", "-E", "UTF8", "--locale=C.UTF-8"]
            ),
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        cert, key = self.data / "server.crt", self.data / "server.key"
        _issue_server_certificate(self.authority, cert, key)
        if os.geteuid() == 0:
            for path in (cert, key):
                shutil.chown(path, "postgres", "postgres")
        key.chmod(0o600)
        # Network connections: TLS and a SCRAM password, nothing else (as rds.force_ssl=1).
        (self.data / "pg_hba.conf").write_text(
            "local   all all              trust\nhostssl all all 127.0.0.1/32 scram-sha-256\n"
        )
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c ssl=on "
            "-c password_encryption=scram-sha-256 -c max_connections=50 -c fsync=off"
        )
        subprocess.run(
            _as_server_user(
                [pg_ctl, "-D", str(self.data), "-l", str(self.root / "server.log"),
                 "-o", options, "-w", "-t", "60", "start"]
            ),
            check=True, capture_output=True, timeout=90,
        )  # fmt: skip

    def admin(self, dbname: str = "postgres") -> psycopg.Connection[tuple[object, ...]]:
        """A superuser connection over the Unix socket, which pg_hba.conf trusts."""
        return psycopg.connect(host=str(self.root), port=self.port, user="postgres",
                               dbname=dbname, autocommit=True)  # fmt: skip

    def execute(self, sql: str, dbname: str = "postgres") -> None:
        with self.admin(dbname) as conn:
            conn.execute(sql.encode())

    def stop(self) -> None:
        subprocess.run(
            _as_server_user([self.pg_ctl, "-D", str(self.data), "-m", "immediate", "stop"]),
            check=False, capture_output=True, timeout=60,
        )  # fmt: skip
        shutil.rmtree(self.root, ignore_errors=True)
