"""A real SMTP relay for the tests: aiosmtpd (PyPI), on 127.0.0.1.

    relay.py PORT OUTDIR [CERT KEY USER PASSWORD]

Without TLS arguments it takes plain SMTP. With them it requires STARTTLS with the given
certificate before anything else, then authentication (PLAIN or LOGIN) with the given user and
password. Each accepted message is written to OUTDIR as it arrived (N.eml, with the envelope in
N.json). Prints "ready" once listening; runs until killed.
"""

import json
import os
import ssl
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Keep:
    def __init__(self, outdir):
        self.outdir = outdir
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.outdir, str(self.count))
        with open(base + ".eml", "wb") as f:
            f.write(envelope.original_content)
        with open(base + ".json", "w") as f:
            json.dump({
                "from": envelope.mail_from,
                "to": envelope.rcpt_tos,
                "tls": session.ssl is not None,
                "user": session.auth_data if session.authenticated else None,
            }, f)
        return "250 Message accepted for delivery"


def main():
    port, outdir = int(sys.argv[1]), sys.argv[2]
    kwargs = {}
    if len(sys.argv) > 3:
        cert, key, user, password = sys.argv[3:7]
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)

        def authenticate(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and \
                auth_data.login.decode() == user and auth_data.password.decode() == password
            return AuthResult(success=ok, auth_data=user if ok else None, handled=False)

        kwargs = dict(tls_context=context, require_starttls=True, authenticator=authenticate,
                      auth_required=True, auth_require_tls=True)
    controller = Controller(Keep(outdir), hostname="127.0.0.1", port=port,
                            server_hostname="localhost", **kwargs)
    controller.start()
    print("ready", flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
