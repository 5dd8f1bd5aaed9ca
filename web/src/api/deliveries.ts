// Couriers and deliveries (docs/deliveries.md): the courier's profile and shift, location points,
// offers, the delivery steps, proofs and temperature readings, and the customer's view of the
// delivery of an order with its proof photo.
import { api, call, type Schemas } from './client';
import { image } from './images';

export type DriverProfile = Schemas['DriverProfile'];
export type DriverProfileInput = Schemas['DriverProfileInput'];
export type Delivery = Schemas['Delivery'];
export type Offer = Schemas['Offer'];
export type LocationPoint = Schemas['LocationPoint'];
export type DeliveryStatus = Delivery['status'];
export type Step = 'at_pickup' | 'picked_up' | 'at_dropoff' | 'delivered' | 'failed' | 'returned';

export interface StepRequest {
  status: Step;
  pickup_code?: string;
  pin?: string;
  id_checked?: boolean;
  reason?: string;
}

export const getDriverProfile = () => call(api.GET('/v1/drivers/me'));
export const putDriverProfile = (body: DriverProfileInput) =>
  call(api.PUT('/v1/drivers/me', { body }), ['vehicle', 'capacity', 'cold_storage']);
export const setShift = (online: boolean) => call(api.POST('/v1/drivers/me/shift', { body: { online } }));
export const sendLocations = (points: LocationPoint[]) =>
  call(api.POST('/v1/drivers/me/locations', { body: { points } }));

/** The courier's own scores over the last 30 days, with customers' rating of them. */
export const myQuality = () => call(api.GET('/v1/drivers/me/quality'));

export const myOffers = () => call(api.GET('/v1/drivers/me/offers'));
export const acceptOffer = (offerId: string) =>
  call(api.POST('/v1/offers/{offer_id}/accept', { params: { path: { offer_id: offerId } } }));
export const declineOffer = (offerId: string) =>
  call(api.POST('/v1/offers/{offer_id}/decline', { params: { path: { offer_id: offerId } } }));

export const myDeliveries = (active: boolean) =>
  call(api.GET('/v1/drivers/me/deliveries', { params: { query: active ? { active: 'true' } : {} } }));
export const getDelivery = (deliveryId: string) =>
  call(api.GET('/v1/deliveries/{delivery_id}', { params: { path: { delivery_id: deliveryId } } }));
export const deliveryOfOrder = (orderId: string) =>
  call(api.GET('/v1/orders/{order_id}/delivery', { params: { path: { order_id: orderId } } }));

/** One step; the Idempotency-Key makes a step resent after a lost answer count once. */
export const moveDelivery = (deliveryId: string, body: StepRequest, idempotencyKey: string) =>
  call(
    api.POST('/v1/deliveries/{delivery_id}/status', {
      params: { path: { delivery_id: deliveryId }, header: { 'Idempotency-Key': idempotencyKey } },
      body,
    }),
    ['pickup_code', 'pin', 'reason'],
  );

// openapi-typescript types a binary body as a string; the Blob goes out as it is.
const binary = (image: Blob) => ({
  body: image as unknown as string,
  bodySerializer: (body: unknown) => body as Blob,
});

/** The photo at the door (JPEG, PNG or WebP), sent as the request body. */
export const uploadPhoto = (deliveryId: string, image: Blob, idempotencyKey: string) =>
  call(
    api.POST('/v1/deliveries/{delivery_id}/proof', {
      params: { path: { delivery_id: deliveryId } },
      headers: { 'Content-Type': image.type, 'Idempotency-Key': idempotencyKey },
      ...binary(image),
    }),
  );

/** The customer's signature as a PNG. */
export const uploadSignature = (deliveryId: string, image: Blob, idempotencyKey: string) =>
  call(
    api.POST('/v1/deliveries/{delivery_id}/signature', {
      params: { path: { delivery_id: deliveryId } },
      headers: { 'Content-Type': 'image/png', 'Idempotency-Key': idempotencyKey },
      ...binary(image),
    }),
  );

export const sendTemperature = (deliveryId: string, celsius: number, measuredAt: string) =>
  call(
    api.POST('/v1/deliveries/{delivery_id}/temperature', {
      params: { path: { delivery_id: deliveryId } },
      body: { readings: [{ celsius, measured_at: measuredAt }] },
    }),
    ['readings[0].celsius'],
  );

/** The proof photo as a data: URL, or null while none was uploaded. */
export const proofPhoto = (deliveryId: string) =>
  image(
    api.GET('/v1/deliveries/{delivery_id}/proof/photo', {
      params: { path: { delivery_id: deliveryId } },
      parseAs: 'blob',
    }),
  );

/** The delivery's state for the courier and the customer, in words. */
export const deliveryWords: Record<DeliveryStatus, string> = {
  pending: 'Looking for a courier',
  assigned: 'Courier on the way to the restaurant',
  at_pickup: 'Courier at the restaurant',
  picked_up: 'On the way to you',
  at_dropoff: 'Courier at your door',
  delivered: 'Delivered',
  failed: 'Delivery failed',
  returned: 'Returned to the restaurant',
  cancelled: 'Cancelled',
};
