"""Production settings: everything secret or site-specific comes from the environment.

Several app processes (gunicorn workers, on one or more servers) share one PostgreSQL
database, one Redis cache, one media folder and one Elasticsearch cluster; a reverse proxy
(nginx) terminates HTTPS in front of them. See docs/deployment.md.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")

# --- Database: persistent connections, checked before reuse ---------------------------------
# A connection lives CONN_MAX_AGE seconds; CONN_HEALTH_CHECKS pings it before a request
# reuses it, so a restarted PostgreSQL costs one reconnect instead of failed requests.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# --- Cache and sessions shared by every app process ------------------------------------------
# Django's own Redis backend. Alias "default" is also where published pages are cached.
if REDIS_URL := os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "kb"),
            "TIMEOUT": 300,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
# Sessions in the database, read through the cache: any server can serve any user, and a
# flushed or restarted Redis logs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Static files: WhiteNoise (hashed names, gzip/brotli, cached for a year) ------------------
# Served by the app itself, so every app server has them after `collectstatic`; nginx may
# serve STATIC_ROOT directly instead (docs/deployment.md). Media (uploads) are served by nginx
# from the one shared MEDIA_ROOT.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365

# --- HTTPS behind the reverse proxy ------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# The load balancer probes the health endpoint over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "SAMEORIGIN"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Wagtail's live preview shows the page in a same-origin iframe, so DENY would break it;
# SAMEORIGIN still refuses framing by any other site.
SILENCED_SYSTEM_CHECKS = ["security.W019"]

# Logs to stderr, which gunicorn and systemd's journal collect.
LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "INFO")
