# The service image: `datagen serve` by default; `datagen worker` for generator actors only.
FROM node:24-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends nats-server && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY bin ./bin
COPY src ./src
COPY machines ./machines
COPY models ./models
ENV DATAGEN_HOST=0.0.0.0 DATAGEN_DATA_DIR=/data
EXPOSE 4242
ENTRYPOINT ["node", "bin/datagen.js"]
CMD ["serve"]
