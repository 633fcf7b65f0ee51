"""`make bench`: generate the data set, then measure and print every figure with its target.

Exits non-zero when a figure misses its target. Needs PostgreSQL (BENCH_DATABASE_URL, by default
postgres://postgres@127.0.0.1:5432/commons_bench, dropped and created anew) and gunicorn.
"""

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "commons_portal.settings.bench"
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/commons_bench")
os.environ["DATABASE_URL"] = DATABASE_URL
# The cache the gunicorn workers share, as in production (emptied at the start of the run).
os.environ["REDIS_URL"] = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")

LATENCY_TARGET = 2.0
API_TARGET = 3.0
PDF_LOAD_TARGET = 1.5  # p95 of the roadmap page while a PDF renders / idle p95


class Report:
    def __init__(self):
        self.rows: list[tuple[str, str, str, bool]] = []

    def add(self, figure: str, value: str, target: str, ok: bool) -> None:
        self.rows.append((figure, value, target, ok))
        print(f"  {'ok ' if ok else 'KO '} {figure}: {value} (cible {target})", flush=True)

    def print(self) -> bool:
        width = max(len(row[0]) for row in self.rows) + 2
        print("\n| mesure".ljust(width + 2) + "| valeur | cible | |")
        print("|" + "-" * width + "|---|---|---|")
        for figure, value, target, ok in self.rows:
            print(f"| {figure.ljust(width - 1)}| {value} | {target} | {'✅' if ok else '❌'} |")
        return all(row[3] for row in self.rows)


def reset_database() -> None:
    import environ
    import psycopg

    config = environ.Env.db_url_config(DATABASE_URL)
    admin = psycopg.connect(
        host=config["HOST"] or "127.0.0.1",
        port=config["PORT"] or 5432,
        user=config["USER"] or "postgres",
        dbname="postgres",
        autocommit=True,
    )
    name = config["NAME"]
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def login_cookie(user_pk: int) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from commons_portal.accounts.models import User

    user = User.objects.get(pk=user_pk)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def query_counts(pages, data) -> dict[str, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from commons_portal.accounts.models import User
    from commons_portal.core.caching import forget_fragments

    counts = {}
    for page in pages:
        url = page.url(data)
        if url is None:
            continue
        client = Client()
        if page.role:
            client.force_login(User.objects.get(pk=data["users"][page.role]))
        client.get(url)  # warm what is not per request (scope, templates)
        # Counted on a cold render: the cached fragments are dropped first, so that every read is counted.
        forget_fragments()
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response.status_code == 200, f"{page.name}: {url} answered {response.status_code}"
        counts[page.name] = len(context.captured_queries)
    return counts


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(port: int) -> subprocess.Popen:
    process = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "commons_portal.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**os.environ},
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)  # noqa: S310
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("gunicorn did not start")


def timed_get(url: str, cookie: str | None) -> float:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{url}: {response.status}")
    return time.perf_counter() - start


def baseline_name(role: str) -> str:
    return f"référence ({role or 'anonyme'})"


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


SLOW_PAGE = 1.0  # seconds: a page this slow at warm-up misses its target by far; a few samples tell it
SLOW_ROUNDS = 5


def measure_latencies(base: str, targets: list[tuple[str, str, str | None]], rounds: int) -> dict[str, list[float]]:
    """Requests interleaved page by page, so that the machine's drift weighs on every page alike. A page
    slower than SLOW_PAGE at warm-up is measured SLOW_ROUNDS times only, so that the run stays bounded."""
    timings: dict[str, list[float]] = {name: [] for name, _, _ in targets}
    warm: dict[str, list[float]] = {name: [] for name, _, _ in targets}
    for _ in range(3):
        for name, url, cookie in targets:
            warm[name].append(timed_get(base + url, cookie))
    wanted = {name: SLOW_ROUNDS if statistics.median(warm[name]) > SLOW_PAGE else rounds for name, _, _ in targets}
    for _ in range(rounds):
        for name, url, cookie in targets:
            if len(timings[name]) < wanted[name]:
                timings[name].append(timed_get(base + url, cookie))
    return timings


def cold_latencies(base: str, targets: list[tuple[str, str, str | None]], rounds: int) -> dict[str, list[float]]:
    """The same requests with every cached page made stale first: what the first visitor after a change
    waits (reads and rendering included)."""
    from commons_portal.core.caching import forget_fragments

    timings: dict[str, list[float]] = {name: [] for name, _, _ in targets}
    for _ in range(rounds):
        for name, url, cookie in targets:
            forget_fragments()
            timings[name].append(timed_get(base + url, cookie))
    return timings


def api_overhead(pages, data, rounds: int) -> list[tuple[str, float, float]]:
    """For each anonymous API list: median in-process time of `GET <list>?page_size=100` through the whole
    Django stack, and of serialising the same 100 rows (the viewset's own queryset, filters and ordering)
    with `values()` and `json.dumps`. Returns (name, api seconds, values() seconds)."""
    import json

    from django.contrib.auth.models import AnonymousUser
    from django.core.serializers.json import DjangoJSONEncoder
    from django.test import Client, RequestFactory
    from django.test.utils import override_settings
    from django.urls import resolve

    results = []
    for page in pages:
        url = page.url(data)
        if page.kind != "api" or page.role or url is None:
            continue
        url += ("&" if "?" in url else "?") + "page_size=100"
        client = Client()

        def api_call(client=client, url=url):
            # The serialisation itself is measured: no response comes from the cache.
            with override_settings(PORTAL_FRAGMENT_CACHE=False):
                response = client.get(url)
            assert response.status_code == 200, f"{url}: {response.status_code}"
            response.content  # noqa: B018  (rendered)

        match = resolve(url.split("?")[0])
        view = match.func.cls(**match.func.initkwargs)
        view.action_map, view.action = match.func.actions, "list"
        view.args, view.kwargs, view.format_kwarg, view.headers = (), {}, None, {}
        django_request = RequestFactory().get(url)
        django_request.user = AnonymousUser()
        view.request = view.initialize_request(django_request)
        queryset = view.filter_queryset(view.get_queryset())

        def plain_call(queryset=queryset):
            rows = list(queryset.prefetch_related(None).values()[:100])
            json.dumps(rows, cls=DjangoJSONEncoder)

        for func in (api_call, plain_call):  # warm both
            func()
        api, plain = [], []
        for _ in range(rounds):
            for func, timings in ((api_call, api), (plain_call, plain)):
                start = time.perf_counter()
                func()
                timings.append(time.perf_counter() - start)
        results.append((page.name, statistics.median(api), statistics.median(plain)))
    return results


class PdfLoop:
    """`manage.py render_pdf roadmap --object SLUG` again and again in a background process, until stopped."""

    def __init__(self, slug: str):
        import threading

        self.slug = slug
        self.renders = 0
        self.failures: list[str] = []
        self.started = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        command = [sys.executable, "manage.py", "render_pdf", "roadmap", "--object", self.slug, "--output"]
        command.append("/tmp/commons-bench-pdf-load.pdf")  # noqa: S108  (scratch output of the benchmark)
        while not self._stop.is_set():
            process = subprocess.Popen(  # noqa: S603
                command, cwd=ROOT, env={**os.environ}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
            self.started.set()
            out, err = process.communicate()
            if process.returncode == 0:
                self.renders += 1
                self.last_output = out.strip()
            else:
                self.failures.append(err.strip()[-500:])

    def __enter__(self):
        self._thread.start()
        self.started.wait()
        time.sleep(3)  # past Django's start-up: the render itself is under way
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(timeout=300)  # the render under way finishes (and counts)


def measure_page(base: str, url: str, cookie: str | None, rounds: int) -> tuple[list[float], int]:
    """`rounds` sequential requests; returns their timings and the number of failed ones."""
    timings, errors = [], 0
    for _ in range(rounds):
        try:
            timings.append(timed_get(base + url, cookie))
        except (OSError, RuntimeError):
            errors += 1
    return timings, errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", choices=["small", "large"], default="large")
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--load-seconds", type=float, default=15.0)
    parser.add_argument("--pdf-rounds", type=int, default=300, help="requests of the roadmap page, idle then under PDF")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the database of the previous run (its data set and small-set counts) instead of generating anew",
    )
    parser.add_argument("--cold-rounds", type=int, default=5, help="requests of each page after a change")
    parser.add_argument("--only", default="", help="measure only the pages whose name contains this text")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF figures")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stopped: still stop gunicorn (finally below)

    saved = ROOT / "var" / "bench-data.json"
    reuse = args.reuse and saved.exists()
    if not reuse:
        print(f"Base : {DATABASE_URL} (recréée)", flush=True)
        reset_database()
    import json

    import django

    django.setup()
    from django.core.management import call_command

    from bench.generate import generate
    from bench.load import mixed_load
    from bench.pages import BASELINE, PAGES

    call_command("migrate", verbosity=0)
    report = Report()

    PAGES = [page for page in PAGES if args.only in page.name]  # noqa: N806
    if reuse:
        data, small = json.loads(saved.read_text())
        print(f"Base : {DATABASE_URL} (données de la mesure précédente)", flush=True)
    else:
        started = time.perf_counter()
        data = generate("small")
        small = query_counts(PAGES, data)
        print(f"Petit jeu de données : {time.perf_counter() - started:.1f} s", flush=True)
        if args.scale == "large":
            started = time.perf_counter()
            data = generate("large")
            print(f"Grand jeu de données : {time.perf_counter() - started:.1f} s", flush=True)
        saved.parent.mkdir(exist_ok=True)
        saved.write_text(json.dumps([data, small]))
    large = query_counts(PAGES, data)
    for name, count in large.items():
        if name not in small:
            continue
        report.add(
            f"requêtes SQL — {name}", f"{count} (petit jeu : {small[name]})", "= petit jeu", count == small[name]
        )

    (ROOT / "var" / "static").mkdir(parents=True, exist_ok=True)
    port = free_port()
    server = start_gunicorn(port)
    try:
        cookies = {role: login_cookie(pk) for role, pk in data["users"].items()}
        pages = [page for page in PAGES if page.url(data) is not None]
        # Each page is compared with the baseline opened by the same role: same session and scope work.
        roles = sorted({page.role or "" for page in pages})
        targets = [(baseline_name(role), BASELINE.url(data), cookies.get(role)) for role in roles]
        targets += [(page.name, page.url(data), cookies.get(page.role)) for page in pages]
        timings = measure_latencies(f"http://127.0.0.1:{port}", targets, args.rounds)
        cold = cold_latencies(f"http://127.0.0.1:{port}", targets, args.cold_rounds)
        requests, errors, rate = mixed_load(f"http://127.0.0.1:{port}", targets, clients=8, seconds=args.load_seconds)
        busy, idle, pdf_errors, pdf_loop = [], [], 0, None
        roadmap_page = next((p for p in pages if p.route == "roadmaps:detail" and p.role is None), None)
        if not args.no_pdf and roadmap_page:
            # The roadmap page while a PDF of a large generated roadmap renders, against the same page idle.
            roadmap_url = roadmap_page.url(data)
            measure_page(f"http://127.0.0.1:{port}", roadmap_url, None, 10)
            idle, idle_errors = measure_page(f"http://127.0.0.1:{port}", roadmap_url, None, args.pdf_rounds)
            with PdfLoop(data["roadmap"]) as pdf_loop:
                busy, busy_errors = measure_page(f"http://127.0.0.1:{port}", roadmap_url, None, args.pdf_rounds)
            pdf_errors = idle_errors + busy_errors
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
    for role in roles:
        values = timings[baseline_name(role)]
        print(
            f"{baseline_name(role)} : médiane {statistics.median(values) * 1000:.1f} ms, "
            f"p95 {p95(values) * 1000:.1f} ms",
            flush=True,
        )
    for page in pages:
        values, reference = timings[page.name], timings[baseline_name(page.role or "")]
        name = page.name
        median_ratio = statistics.median(values) / statistics.median(reference)
        p95_ratio = p95(values) / p95(reference)
        report.add(
            f"latence — {name}",
            f"médiane ×{median_ratio:.2f} ({statistics.median(values) * 1000:.0f} ms), p95 ×{p95_ratio:.2f}",
            f"≤ {LATENCY_TARGET}",
            median_ratio <= LATENCY_TARGET and p95_ratio <= LATENCY_TARGET,
        )

    for page in pages:
        values, reference = cold[page.name], cold[baseline_name(page.role or "")]
        report.add(
            f"à froid (après une modification) — {page.name}",
            f"médiane ×{statistics.median(values) / statistics.median(reference):.2f} "
            f"({statistics.median(values) * 1000:.0f} ms)",
            "information",
            True,
        )

    report.add(f"charge mixte ({requests} requêtes, {rate:.0f}/s, 8 clients)", f"{errors} erreur(s)", "0", errors == 0)

    if pdf_loop is not None:
        print(f"PDF en boucle pendant la mesure : {pdf_loop.renders} rendu(s) ({getattr(pdf_loop, 'last_output', '')})")
        for failure in pdf_loop.failures:
            print(f"  échec du rendu : {failure}")
        ratio = p95(busy) / p95(idle) if len(busy) > 1 else float("inf")
        report.add(
            f"p95 {roadmap_page.name} pendant un rendu PDF / au repos",
            f"×{ratio:.2f} ({p95(busy) * 1000:.0f} ms / {p95(idle) * 1000:.0f} ms, "
            f"médiane ×{statistics.median(busy) / statistics.median(idle):.2f})",
            f"≤ {PDF_LOAD_TARGET}",
            ratio <= PDF_LOAD_TARGET,
        )
        failures = pdf_errors + len(pdf_loop.failures)
        report.add(
            f"erreurs pendant les rendus PDF ({len(busy)} requêtes, {pdf_loop.renders} PDF rendus)",
            f"{failures} erreur(s)",
            "0",
            failures == 0 and pdf_loop.renders > 0,
        )

    for name, api, plain in api_overhead(PAGES, data, rounds=30):
        report.add(
            f"{name} (100 objets) / values() + json.dumps",
            f"×{api / plain:.2f} ({api * 1000:.1f} ms / {plain * 1000:.1f} ms)",
            f"≤ {API_TARGET}",
            api / plain <= API_TARGET,
        )

    pdf_bench = ROOT / "bench" / "pdf.py"
    if pdf_bench.exists() and not args.no_pdf:
        result = subprocess.run([sys.executable, str(pdf_bench)], cwd=ROOT, env={**os.environ})  # noqa: S603
        report.add(
            "PDF (bench/pdf.py, tableau ci-dessus)", f"code de sortie {result.returncode}", "0", result.returncode == 0
        )

    ok = report.print()
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
