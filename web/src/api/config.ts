// The server's configuration for the portals (GET /v1/system/web-config): where maps open and
// which tiles to draw. Loaded once per page and shared.
import { useEffect, useState } from 'preact/hooks';
import type { MapTiles, LatLng } from '../ui';
import { api } from './client';

export interface WebConfig {
  mapCenter: LatLng;
  tiles: MapTiles | null;
}

/** Used until the configuration arrives, and when it cannot be loaded. */
const fallback: WebConfig = { mapCenter: { lat: 52.52, lng: 13.405 }, tiles: null };

let loading: Promise<WebConfig> | null = null;

export function loadWebConfig(): Promise<WebConfig> {
  loading ??= api
    .GET('/v1/system/web-config')
    .then(({ data }) =>
      data
        ? {
            mapCenter: data.map.center,
            tiles: data.map.tile_url
              ? { url: data.map.tile_url, attribution: data.map.attribution ?? null }
              : null,
          }
        : fallback,
    )
    .catch(() => fallback);
  return loading;
}

export function useWebConfig(): WebConfig {
  const [config, setConfig] = useState<WebConfig>(fallback);
  useEffect(() => {
    let live = true;
    void loadWebConfig().then((c) => live && setConfig(c));
    return () => {
      live = false;
    };
  }, []);
  return config;
}
