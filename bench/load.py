"""A bounded mixed load on loopback: several clients request the main pages for a fixed time; every
answer must be a 200. Used by bench/run.py against its gunicorn server."""

import random
import threading
import time
import urllib.error
import urllib.request


def mixed_load(base: str, targets: list[tuple[str, str, str | None]], *, clients: int = 8, seconds: float = 15.0):
    """Returns (requests made, errors, requests per second). Stops by itself after `seconds`."""
    deadline = time.monotonic() + seconds
    counts = {"requests": 0, "errors": 0}
    lock = threading.Lock()

    def client(seed: int) -> None:
        chooser = random.Random(seed)  # noqa: S311  (load mix, not security)
        while time.monotonic() < deadline:
            _, url, cookie = chooser.choice(targets)
            request = urllib.request.Request(base + url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
            try:
                with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                    response.read()
                    failed = response.status != 200
            except (urllib.error.URLError, OSError):
                failed = True
            with lock:
                counts["requests"] += 1
                counts["errors"] += int(failed)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return counts["requests"], counts["errors"], counts["requests"] / elapsed
