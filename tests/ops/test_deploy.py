"""Production configuration: `check --deploy` is clean and docker-compose.yml is valid."""

import os
import shutil
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "commons_portal.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-for-the-check-0123456789abcdefghijkl",
    "DATABASE_URL": "sqlite:////tmp/deploy-check.sqlite3",
    "ALLOWED_HOSTS": "communs.example.fr",
}


def test_check_deploy_has_no_warning():
    env = {**os.environ, **PRODUCTION_ENV}
    env.pop("DEBUG", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests for their own process only
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {key: value for key, value in {**os.environ, **PRODUCTION_ENV}.items() if key != "SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_docker_compose_file_is_valid(tmp_path):
    compose = shutil.which("docker-compose")
    if not compose:
        if os.environ.get("CI"):
            pytest.fail("docker-compose (Debian package) is needed in CI to validate docker-compose.yml")
        pytest.skip("docker-compose is not installed (make test installs it as root)")
    env_file = settings.BASE_DIR / ".env"
    created = not env_file.exists()
    if created:
        shutil.copy(settings.BASE_DIR / ".env.example", env_file)
    try:
        result = subprocess.run(
            [compose, "-f", "docker-compose.yml", "config"], cwd=settings.BASE_DIR, capture_output=True, text=True
        )
    finally:
        if created:
            env_file.unlink()
    assert result.returncode == 0, result.stderr
    for service in ("db:", "redis:", "web:", "worker:", "proxy:"):
        assert service in result.stdout
