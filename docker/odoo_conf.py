"""The configuration the Docker image starts Odoo with (called by docker/entrypoint.sh).

    python3 odoo_conf.py conf SHIPPED_CONF OUTPUT_CONF   write OUTPUT_CONF (mode 600)
    python3 odoo_conf.py wait OUTPUT_CONF                wait for PostgreSQL (60 s at most)
    python3 odoo_conf.py db-exists OUTPUT_CONF DB        exit 0 when database DB exists

OUTPUT_CONF is the shipped ``odoo.conf`` plus what the image must not hold:

- the PostgreSQL connection, from the environment: ``DB_HOST``, ``DB_PORT``, ``DB_USER``,
  ``DB_PASSWORD`` or ``DB_PASSWORD_FILE`` (the official image's ``HOST``, ``PORT``,
  ``USER``, ``PASSWORD`` are read too);
- the hash of the master password (the database manager's): ``ODOO_MASTER_PASSWORD`` or
  ``ODOO_MASTER_PASSWORD_FILE``; without either, one is generated at first start, printed
  once, and only its hash is kept (``.master_password_hash`` beside OUTPUT_CONF).

Whatever the shipped file says, the database manager stays off (``list_db = False``) and
Odoo trusts the reverse proxy's ``X-Forwarded-*`` headers (``proxy_mode = True``).
"""

import configparser
import os
import secrets
import sys
import time
from pathlib import Path

from passlib.context import CryptContext

# Odoo's own scheme for admin_passwd (odoo.tools.config.crypt_context).
CRYPT = CryptContext(["pbkdf2_sha512"], pbkdf2_sha512__rounds=600_000)
HASH_FILE = ".master_password_hash"
# Production values whatever the shipped file says.
FORCED = {"list_db": "False", "proxy_mode": "True"}


def _env(*names, default=None):
    for name in names:
        if os.environ.get(name):
            return os.environ[name]
        path = os.environ.get(name + "_FILE")
        if path:
            return Path(path).read_text().strip()
    return default


def master_password_hash(state_dir, out=sys.stdout):
    """The hash to write as admin_passwd: from the environment, kept, or generated once."""
    hash_file = Path(state_dir) / HASH_FILE
    password = _env("ODOO_MASTER_PASSWORD")
    if password:
        stored = CRYPT.hash(password)
    elif hash_file.exists():
        return hash_file.read_text().strip()
    else:
        password = secrets.token_urlsafe(18)
        stored = CRYPT.hash(password)
        print(
            "=" * 72,
            "Master password of the database manager, generated at first start and",
            "shown only this once (set ODOO_MASTER_PASSWORD to choose your own):",
            f"    {password}",
            "=" * 72,
            sep="\n",
            file=out,
            flush=True,
        )
    hash_file.write_text(stored + "\n")
    hash_file.chmod(0o600)
    return stored


def write_conf(shipped, output, out=sys.stdout):
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(shipped)
    options = parser["options"]
    output = Path(output)
    options.update(FORCED)
    options["admin_passwd"] = master_password_hash(output.parent, out=out)
    options["db_host"] = _env("DB_HOST", "HOST", default="db")
    options["db_port"] = _env("DB_PORT", "PORT", default="5432")
    options["db_user"] = _env("DB_USER", "USER", default="odoo")
    db_password = _env("DB_PASSWORD", "PASSWORD")
    if not db_password:
        sys.exit("odoo_conf.py: set DB_PASSWORD (or DB_PASSWORD_FILE), PostgreSQL's password")
    options["db_password"] = db_password
    tmp = output.with_name(output.name + ".tmp")
    with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
        parser.write(f)
    tmp.chmod(0o600)
    tmp.replace(output)


def _connect(conf, dbname="postgres"):
    import psycopg2

    parser = configparser.ConfigParser(interpolation=None)
    parser.read(conf)
    o = parser["options"]
    return psycopg2.connect(
        host=o["db_host"],
        port=o["db_port"],
        user=o["db_user"],
        password=o["db_password"],
        dbname=dbname,
        connect_timeout=5,
    )


def main(argv):
    if argv[:1] == ["conf"] and len(argv) == 3:
        write_conf(argv[1], argv[2])
    elif argv[:1] == ["wait"] and len(argv) == 2:
        deadline = time.monotonic() + 60
        while True:
            try:
                _connect(argv[1]).close()
                break
            except Exception as error:
                if time.monotonic() > deadline:
                    sys.exit(f"PostgreSQL unreachable: {error}")
                time.sleep(1)
    elif argv[:1] == ["db-exists"] and len(argv) == 3:
        with _connect(argv[1]) as cnx, cnx.cursor() as cr:
            cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (argv[2],))
            return 0 if cr.fetchone() else 1
    else:
        sys.exit(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
