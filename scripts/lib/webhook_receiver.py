"""A webhook receiver for scripts/faults.sh: checks each Standard Webhooks signature (HMAC-SHA256
of "id.timestamp.body" under the whsec_ secret, any of the space-separated v1 signatures) and
appends the webhook-id of each verified message to a log, one per line; answers 204, or 401 to a
bad signature (the service then gives the message up, which the script counts as a failure).

Usage: webhook_receiver.py PORT SECRET_FILE LOG_FILE
"""
import base64
import hashlib
import hmac
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, secret_file, log_file = int(sys.argv[1]), sys.argv[2], sys.argv[3]
with open(secret_file) as f:
    secret = f.read().strip()
key = base64.b64decode(secret[len("whsec_"):] if secret.startswith("whsec_") else secret)
log = open(log_file, "a", buffering=1)


class Receiver(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length", "0")))
        msg_id = self.headers.get("webhook-id", "")
        timestamp = self.headers.get("webhook-timestamp", "")
        signed = msg_id.encode() + b"." + timestamp.encode() + b"." + body
        expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
        given = [s.split(",", 1)[1] for s in self.headers.get("webhook-signature", "").split()
                 if s.startswith("v1,")]
        ok = any(hmac.compare_digest(expected, s) for s in given)
        if ok:
            log.write(msg_id + "\n")
        self.send_response(204 if ok else 401)
        self.send_header("content-length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


print("webhook receiver ready on port %d" % port, flush=True)
ThreadingHTTPServer(("127.0.0.1", port), Receiver).serve_forever()
