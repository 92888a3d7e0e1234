# crisisbot as a container: a static binary on distroless, run as a non-root
# user, with its data directory on the /data volume.
#
#   docker build -t crisisbot .
#
# Build from a Git clone: the .git directory is part of the build context
# (.dockerignore keeps it), so go build stamps the revision that
# `crisisbot --version` and /about show. From a source tarball or a `git
# worktree` (whose .git is a file naming a directory outside the context)
# the image builds the same, and --version says that no revision was
# recorded. Should go build stop with "error obtaining VCS status", pass
# --build-arg BUILDVCS=false.

ARG GO_VERSION=1.26

FROM golang:${GO_VERSION}-bookworm AS build
WORKDIR /src
# Modules first, in their own layer: it changes only with go.mod and go.sum.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# auto: stamp the VCS revision when .git is there (git is in this image).
ARG BUILDVCS=auto
# CGO_ENABLED=0: a static binary for an image with no libc. -trimpath: no
# build paths in it. The time zone database is embedded (time/tzdata).
RUN CGO_ENABLED=0 go build -trimpath -buildvcs=${BUILDVCS} -ldflags='-s -w' \
        -o /out/crisisbot ./cmd/crisisbot \
    && /out/crisisbot --version \
    && mkdir /out/data
# The licences and notices of everything compiled in (Go's own, the
# modules', WordNet's), which a distributed binary must carry.
RUN mkdir -p /out/licenses/go /out/licenses/wordnet \
    && cp "$(go env GOROOT)/LICENSE" /out/licenses/go/ \
    && cp retrieval/thesaurus/LICENSE-WordNet /out/licenses/wordnet/ \
    && go list -deps -f '{{with .Module}}{{.Path}} {{.Dir}}{{end}}' ./cmd/crisisbot | sort -u \
    | while read -r path dir; do \
        mkdir -p "/out/licenses/$path" \
        && cp "$dir"/LICENSE* "$dir"/COPYING* "$dir"/NOTICE* "/out/licenses/$path/" 2>/dev/null; \
    done; \
    test -s /out/licenses/github.com/crisisbot/crisisbot/LICENSE

# static: CA certificates and /etc/passwd, nothing else; :nonroot runs as
# uid 65532.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/crisisbot /usr/local/bin/crisisbot
COPY --from=build /out/licenses /usr/share/doc/crisisbot/licenses
# The volume's mount point, owned by the user, so a fresh named volume is
# writable.
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
VOLUME /data
# serve.http_addr (/healthz, /metrics) when the config sets it to :9090.
EXPOSE 9090
# Settings: a config file mounted into the container and named by
# $CRISISBOT_CONFIG; secrets ($DISCORD_TOKEN, $OPENAI_API_KEY) from the
# environment. --data-dir overrides the config's data_dir: the data always
# lands in the volume.
ENTRYPOINT ["/usr/local/bin/crisisbot", "--data-dir", "/data"]
CMD ["serve"]
