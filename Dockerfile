# Multi-stage build of the mandategraph binary: a static binary on a
# distroless base, running as a non-root user. The bundled dataset is copied
# in so the one-shot loader service can load it.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o /out/mandategraph .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/mandategraph /usr/local/bin/mandategraph
COPY --from=build /src/data /app/data
USER nonroot:nonroot
ENV LISTEN_ADDR=0.0.0.0:8080
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/mandategraph"]
CMD ["serve"]
