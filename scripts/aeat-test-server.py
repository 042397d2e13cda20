#!/usr/bin/env python3
"""A stand-in for the AEAT's SOAP service, for tests only (the AEAT's own test environment
is not reachable from here). HTTPS on 127.0.0.1 that requires a client certificate issued by
the test CA (mutual TLS), takes the SOAP body's message, validates it against the WSDL's
message schema (SuministroLR.xsd) with xmllint, and answers as the service does: 200 with a
response naming the records accepted, or 500 with a SOAP fault saying why.

usage: aeat-test-server.py CERT KEY CA SCHEMA_DIR REQUESTS
Prints the port it listens on, serves REQUESTS requests, then exits (after 120 s at most).
"""
import http.server
import re
import ssl
import subprocess
import sys
import tempfile
import threading
import os

cert, key, ca, schema_dir, requests = sys.argv[1:6]


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, text):
        data = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/xml; charset=UTF-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        peer = self.connection.getpeercert()
        body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode("utf-8")
        m = re.search(r"<soapenv:Body>(.*)</soapenv:Body>", body, re.S)
        if not peer or not m:
            return self.answer(400, "<error>no client certificate or no SOAP body</error>")
        with tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False, encoding="utf-8") as f:
            f.write(m.group(1))
            path = f.name
        check = subprocess.run(
            ["xmllint", "--noout", "--nonet", "--schema", os.path.join(schema_dir, "SuministroLR.xsd"), path],
            capture_output=True,
            text=True,
        )
        os.unlink(path)
        if check.returncode != 0:
            fault = check.stderr.replace("&", "&amp;").replace("<", "&lt;")
            return self.answer(500, f"<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>{fault}</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>")
        n = m.group(1).count("<sfLR:RegistroFactura>")
        subject = dict(x[0] for x in peer.get("subject", ()))
        self.answer(
            200,
            "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"
            f"<RespuestaRegFactuSistemaFacturacion><EstadoEnvio>Correcto</EstadoEnvio><Registros>{n}</Registros>"
            f"<Certificado>{subject.get('serialNumber', '')}</Certificado></RespuestaRegFactuSistemaFacturacion>"
            "</soapenv:Body></soapenv:Envelope>",
        )


server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(cert, key)
ctx.verify_mode = ssl.CERT_REQUIRED
ctx.load_verify_locations(ca)
server.socket = ctx.wrap_socket(server.socket, server_side=True)
server.timeout = 60
threading.Timer(120, lambda: os._exit(3)).start()
print(server.server_address[1], flush=True)
for _ in range(int(requests)):
    server.handle_request()
os._exit(0)
