"""Media storage is chosen by the environment: a shared volume by default, S3-compatible storage with S3_BUCKET."""

import os
import subprocess
import sys

from django.conf import settings


def _storage_backend(extra_env: dict) -> str:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "commons_portal.settings.production",
        "SECRET_KEY": "x" * 60,
        "DATABASE_URL": "sqlite:////tmp/storage-check.sqlite3",
        **extra_env,
    }
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.STORAGES['default']['BACKEND'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_media_on_the_file_system_by_default():
    assert _storage_backend({}) == "django.core.files.storage.FileSystemStorage"


def test_media_on_s3_compatible_storage_when_a_bucket_is_set():
    assert _storage_backend({"S3_BUCKET": "communs", "S3_ENDPOINT_URL": "http://127.0.0.1:9000"}) == (
        "storages.backends.s3.S3Storage"
    )
