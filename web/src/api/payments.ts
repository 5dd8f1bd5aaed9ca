// Payments (docs/payments.md): the ways to pay this deployment takes (read once per page and
// shared), a stablecoin payment's deposit, and token amounts written in the token's units.
import { useEffect, useState } from 'preact/hooks';
import { api, call, type Schemas } from './client';

export type PaymentMethods = Schemas['PaymentMethods'];
export type Stablecoin = NonNullable<PaymentMethods['stablecoin']>;
export type Deposit = Schemas['PaymentDeposit'];

let loading: Promise<PaymentMethods | null> | null = null;

/** The payment methods, or null when they cannot be read (then only a card is offered). */
export function loadPaymentMethods(): Promise<PaymentMethods | null> {
  loading ??= api
    .GET('/v1/payments/methods')
    .then(({ data }) => data ?? null)
    .catch(() => null);
  return loading;
}

export function usePaymentMethods(): PaymentMethods | null {
  const [methods, setMethods] = useState<PaymentMethods | null>(null);
  useEffect(() => {
    let live = true;
    void loadPaymentMethods().then((m) => live && setMethods(m));
    return () => {
      live = false;
    };
  }, []);
  return methods;
}

/** What the checkout calls the stablecoin: its symbol, or what it stands for. */
export const stablecoinName = (coin: Pick<Stablecoin, 'symbol' | 'currency'>) =>
  coin.symbol ?? `${coin.currency} stablecoin`;

/** A stablecoin payment's deposit: where to pay, how much, what arrived, what went back. */
export const getDeposit = (intentId: string) =>
  call(api.GET('/v1/payments/{intent_id}/deposit', { params: { path: { intent_id: intentId } } }));

/**
 * `units` (the token's smallest units, as decimal text) written in whole tokens with every
 * decimal the token has: "25000000" with 6 decimals is "25.000000", what a wallet must send.
 */
export function formatUnits(units: string, decimals: number): string {
  const digits = BigInt(units).toString().padStart(decimals + 1, '0');
  if (decimals === 0) return digits;
  return `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}
