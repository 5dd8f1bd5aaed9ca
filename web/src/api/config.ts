// The server's configuration for the portals (GET /v1/system/web-config): where maps open, which
// tiles to draw, and the chain's public node the customer portal checks records with. Loaded
// once per page and shared.
import { useEffect, useState } from 'preact/hooks';
import type { MapTiles, LatLng } from '../ui';
import { api } from './client';

export interface WebConfig {
  mapCenter: LatLng;
  tiles: MapTiles | null;
  /**
   * Null without the chain module. Its public JSON-RPC URL (null: the portal cannot check records
   * in the browser here) and its block explorer's transaction URL template ({tx}).
   */
  chain: { publicRpcUrl: string | null; explorerTxUrl: string | null } | null;
}

/** Used until the configuration arrives, and when it cannot be loaded. */
const fallback: WebConfig = {
  mapCenter: { lat: 52.52, lng: 13.405 },
  tiles: null,
  chain: null,
};

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
            chain: data.chain
              ? { publicRpcUrl: data.chain.public_rpc_url, explorerTxUrl: data.chain.explorer_tx_url }
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
