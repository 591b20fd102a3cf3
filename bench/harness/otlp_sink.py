"""A stand-in OTLP/HTTP collector for bench/tracing.sh: accepts POST /v1/traces (protobuf), answers an
empty ExportTraceServiceResponse, and counts requests and bytes (printed as JSON on SIGTERM)."""
import json
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

received = {'requests': 0, 'bytes': 0}


class Sink(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get('Content-Length', 0))
        self.rfile.read(length)
        received['requests'] += 1
        received['bytes'] += length
        self.send_response(200)
        self.send_header('Content-Type', 'application/x-protobuf')
        self.send_header('Content-Length', '0')
        self.end_headers()

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), Sink)


def stop(*_):
    print(json.dumps(received), flush=True)
    sys.exit(0)


signal.signal(signal.SIGTERM, stop)
server.serve_forever()
