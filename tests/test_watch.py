"""`publish watch`: rebuilds on save, serves the edition and its findings to this machine only,
and nothing outside its folder."""

from __future__ import annotations

import http.client
import json
import shutil
import threading
import time

import pytest

from conftest import ROOT
from publish.watch import STATE, Watch, follow, serve


@pytest.fixture()
def watching(tmp_path):
    """A copy of the letter's source being watched, its edition served on a free port."""
    shutil.copytree(ROOT / "source", tmp_path / "source")
    (tmp_path / "secret.txt").write_text("outside the served folder\n")
    watch = Watch(tmp_path / "source" / "letter.md", tmp_path / "out")
    assert watch.rebuild()["error"] is None
    server, stop = serve(watch, 0), threading.Event()
    threads = [threading.Thread(target=server.serve_forever, daemon=True),
               threading.Thread(target=follow, args=(watch, stop), daemon=True)]
    for thread in threads:
        thread.start()
    time.sleep(0.3)  # let the watcher start before the tests save anything
    yield watch, server
    stop.set()
    server.shutdown()
    server.server_close()


def get(server, path: str, host: str = "127.0.0.1") -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
    connection.putrequest("GET", path, skip_host=True)
    connection.putheader("Host", f"{host}:{server.server_address[1]}")
    connection.endheaders()
    response = connection.getresponse()
    return response.status, response.read()


def wait_for_build(watch: Watch, build: int) -> dict:
    for _ in range(300):  # up to 30 s on a busy machine; the build itself takes well under one
        state = watch.snapshot()
        if state["build"] >= build:
            return state
        time.sleep(0.1)
    raise AssertionError(f"no rebuild after saving the source (still build {watch.snapshot()['build']})")


def test_serves_the_edition_and_findings_on_127_0_0_1_only(watching):
    watch, server = watching
    assert server.server_address[0] == "127.0.0.1"
    status, body = get(server, "/")
    assert status == 200 and b'<iframe id="edition" src="/letter.html"' in body and b"Findings in letter.md" in body
    status, body = get(server, "/letter.html")
    assert status == 200 and b"<main" in body
    status, body = get(server, STATE)
    assert status == 200 and json.loads(body) == watch.snapshot()
    assert get(server, "/letter.html", host="attacker.example")[0] == 403


def test_refuses_paths_outside_its_folder(watching, tmp_path):
    watch, server = watching
    (watch.out / "link.txt").symlink_to(tmp_path / "secret.txt")
    for path in ("/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/link.txt", "//etc/passwd"):
        status, body = get(server, path)
        assert status == 404 and b"outside the served folder" not in body, path


def test_rebuilds_on_save_and_shows_source_problems(watching):
    watch, server = watching
    source = watch.source
    text = source.read_text(encoding="utf-8")
    assert "leaders" in text
    source.write_text(text.replace("leaders", "guardians", 1), encoding="utf-8")
    state = wait_for_build(watch, 2)
    assert state["error"] is None and state["findings"] == []
    assert "guardians" in (watch.out / "letter.html").read_text(encoding="utf-8")

    source.write_text(text + "\n#### Too deep\n", encoding="utf-8")
    state = wait_for_build(watch, state["build"] + 1)
    assert "skips from level" in state["error"] and "Fix:" in state["error"]
    assert "guardians" in (watch.out / "letter.html").read_text(encoding="utf-8")  # the last good edition stays
    assert json.loads(get(server, STATE)[1])["error"] == state["error"]
