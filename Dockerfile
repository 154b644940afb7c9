# Balansebrett in a container: `python -m bot` as a non-root user, on python:3.11-slim.
# HTTP mode and the probes listen on PORT (3000); SQLite, when used, lives in the /data volume.
# How to run it, alone or as replicas on PostgreSQL (deploy/compose.yaml): docs/DEPLOY.md.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --system --create-home --uid 10001 balansebrett \
    && mkdir /data \
    && chown balansebrett /data

WORKDIR /app
# The packages of pyproject.toml, the migrations inside storage/, and manifest.yaml (the bot reads the OAuth
# scopes from it). Installed in place (-e), so the code runs from /app beside manifest.yaml.
COPY pyproject.toml README.md manifest.yaml alembic.ini ./
COPY bot ./bot
COPY coaching ./coaching
COPY console ./console
COPY demo ./demo
COPY reports ./reports
COPY scheduling ./scheduling
COPY storage ./storage
COPY survey_flows ./survey_flows
RUN pip install -e .

ENV PORT=3000 \
    DATABASE_URL=sqlite:////data/balansebrett.db
VOLUME ["/data"]
EXPOSE 3000
USER balansebrett

# Liveness: the process serves (no database touched). Readiness is /readyz, for the load balancer.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % (os.environ.get('PORT') or '3000'), timeout=4)"]
# SIGTERM: requests under way are finished and the lease released within 20 s (docs/DEPLOY.md, "Shutdown");
# give the container 30 s (docker stop -t 30, compose's stop_grace_period).
STOPSIGNAL SIGTERM
CMD ["python", "-m", "bot"]
