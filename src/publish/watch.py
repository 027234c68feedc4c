"""`publish watch`: rebuild the HTML edition each time the source is saved, and serve it on
127.0.0.1 beside the linter's findings, so an editor sees what to fix while writing.

Only the output folder is served (nothing that resolves outside it, links included), to
this machine only, and only to requests that name it as the host.
"""

from __future__ import annotations

import json
import sys
import tempfile
import threading
import time
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from publish.errors import PublishError

if TYPE_CHECKING:
    from http.server import ThreadingHTTPServer

HOST = "127.0.0.1"
STATE = "/_watch/state.json"


def register(sub) -> None:
    watch = sub.add_parser("watch", help="rebuild the HTML edition on every save and show it with its findings")
    watch.add_argument("--source", default="source/letter.md", help="the Markdown master (default: %(default)s)")
    watch.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: %(default)s; 0: any)")
    watch.add_argument("--out", help="folder for the HTML edition (default: a temporary folder, removed on exit)")
    watch.set_defaults(run=run)


class Watch:
    """The latest build of the HTML edition and its findings, shared with the server's threads."""

    def __init__(self, source: Path, out: Path):
        self.source, self.out = Path(source), Path(out)
        self.edition = self.source.stem + ".html"
        self.lock = threading.Lock()
        self.state = {"build": 0, "seconds": 0.0, "error": None, "findings": []}

    def rebuild(self) -> dict:
        """Build the HTML edition and lint it against the source; a problem in the source is shown
        as it is by `publish build`, and the last good edition stays on screen."""
        from publish import pipeline
        from publish.lint import Settings, lint_file

        start = time.perf_counter()
        error, findings = None, []
        try:
            pipeline.build(self.source, self.out, ["html"])
            settings = Settings(expected=pipeline.expected_text(self.source), built_from=str(self.source))
            findings = [f.as_dict() for f in lint_file(self.out / self.edition, settings).findings]
        except PublishError as exc:
            error = str(exc)
        with self.lock:
            self.state = {"build": self.state["build"] + 1, "seconds": round(time.perf_counter() - start, 3),
                          "error": error, "findings": findings}
            return self.state

    def snapshot(self) -> dict:
        with self.lock:
            return dict(self.state)


def follow(watch: Watch, stop: threading.Event, report=lambda state: None) -> None:
    """Rebuild whenever a file in the source's folder (the source or its images) changes."""
    from watchfiles import watch as changes

    for _ in changes(watch.source.parent, stop_event=stop, debounce=400, step=20):
        report(watch.rebuild())


def page(watch: Watch) -> bytes:
    """The editor's view: the edition in a frame, the findings beside it; a small script asks
    for the state every second and reloads both when a new build is ready."""
    state = json.dumps(watch.snapshot()).replace("</", "<\\/")
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Watching {escape(watch.source.name)}</title>
<style>
body {{ margin: 0; font-family: system-ui, sans-serif; font-size: 1.05rem; line-height: 1.5; color: #1b1b1b; background: #fff; }}
main {{ display: flex; flex-wrap: wrap; min-height: 100vh; }}
iframe {{ flex: 3 1 28rem; min-height: 70vh; border: 0; border-right: 2px solid #6f777b; }}
section {{ flex: 1 1 18rem; padding: 0 1rem 1rem; max-width: 40rem; overflow-wrap: anywhere; }}
.error {{ font-weight: bold; }}
</style>
</head>
<body>
<main>
<iframe id="edition" src="/{escape(watch.edition)}" title="The HTML edition of {escape(watch.source.name)}"></iframe>
<section aria-labelledby="findings-heading">
<h1 id="findings-heading">Findings in {escape(watch.source.name)}</h1>
<p id="status" role="status"></p>
<ul id="findings"></ul>
</section>
</main>
<script>
let shown = null;
function render(state) {{
  const status = document.getElementById("status"), list = document.getElementById("findings");
  const count = (s) => state.findings.filter((f) => f.severity === s).length;
  status.textContent = state.error ? "The source has a problem; the edition shown is the last good one."
    : `Build ${{state.build}} took ${{state.seconds}} s: ${{count("error")}} errors, ${{count("warning")}} warnings.`;
  list.replaceChildren();
  const items = state.error ? [{{severity: "error", code: "source", message: state.error, fix: ""}}] : state.findings;
  for (const f of items) {{
    const li = document.createElement("li");
    li.textContent = `${{f.severity}} ${{f.code}}: ${{f.message}}${{f.location ? " (" + f.location + ")" : ""}}. ${{f.fix}}`;
    if (f.severity === "error") li.className = "error";
    list.append(li);
  }}
  if (shown !== null && shown !== state.build && !state.error) document.getElementById("edition").contentWindow.location.reload();
  shown = state.build;
}}
render({state});
setInterval(() => fetch("{STATE}").then((r) => r.json()).then((s) => {{ if (s.build !== shown) render(s); }}).catch(() => {{}}), 1000);
</script>
</body>
</html>
""".encode("utf-8")


def handler(watch: Watch):
    from http.server import SimpleHTTPRequestHandler  # only `publish watch` serves: other commands start without it

    root = watch.out.resolve()

    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(root), **kwargs)

        def do_GET(self):
            if not self.for_this_server():
                return
            route = urlsplit(self.path).path
            if route == "/":
                return self.reply(page(watch), "text/html; charset=utf-8")
            if route == STATE:
                return self.reply(json.dumps(watch.snapshot()).encode("utf-8"), "application/json")
            return super().do_GET()

        def do_HEAD(self):
            if self.for_this_server():
                super().do_HEAD()

        def for_this_server(self) -> bool:
            """Refuse another host name (a web page that rebinds its name to 127.0.0.1) and any path
            that resolves outside the output folder, a link inside it included."""
            host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
            if host not in (HOST, "localhost"):
                self.send_error(403, "only http://127.0.0.1 is served")
                return False
            if not Path(self.translate_path(self.path)).resolve().is_relative_to(root):
                self.send_error(404)
                return False
            return True

        def reply(self, body: bytes, kind: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def end_headers(self):
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def log_message(self, format, *args):  # the editor's terminal shows builds, not requests
            pass

    return Handler


def serve(watch: Watch, port: int) -> ThreadingHTTPServer:
    from http.server import ThreadingHTTPServer

    try:
        return ThreadingHTTPServer((HOST, port), handler(watch))
    except OSError as exc:
        raise PublishError(f"publish: error: cannot listen on {HOST}:{port} ({exc.strerror}); "
                           "give another port with --port N") from None


def say(state: dict) -> None:
    if state["error"]:
        print(f"Build {state['build']}: {state['error']}", file=sys.stderr)
        return
    errors = sum(f["severity"] == "error" for f in state["findings"])
    print(f"Build {state['build']} in {state['seconds']:.2f} s: {errors} errors, "
          f"{len(state['findings']) - errors} other findings")


def run(args) -> int:
    source = Path(args.source)
    if not source.is_file():
        raise PublishError(f"publish: error: {source}: no such source file (give the Markdown master with --source)")
    with tempfile.TemporaryDirectory(prefix="publish-watch-") as tmp:
        watch = Watch(source, Path(args.out) if args.out else Path(tmp))
        say(watch.rebuild())
        server, stop = serve(watch, args.port), threading.Event()
        follower = threading.Thread(target=follow, args=(watch, stop, say), daemon=True)
        follower.start()
        print(f"Watching {source}: open http://{HOST}:{server.server_address[1]}/ (Ctrl+C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            stop.set()
            server.server_close()
    return 0
