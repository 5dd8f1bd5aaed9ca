// The fields of a store's profile, shared by "Create your store", the profile page and "Create a
// brand": text fields are read from the Form's values, the rest (cuisines, location) is state
// held here and read through `read()`. Controls are named by the API's field paths, so the
// problem's errors land beside them (forForm in api/merchant.ts).
import { useMemo } from 'preact/hooks';
import { useWebConfig } from '../../api/config';
import { cuisines, tagLabel, type Cuisine, type Merchant } from '../../api/merchant';
import {
  CheckboxGroup,
  describePoint,
  MapView,
  moneyInputValue,
  parseMoney,
  RadioGroup,
  Select,
  TextArea,
  TextField,
  useFormState,
  type LatLng,
} from '../../ui';

export const priceLevels = [
  { value: '1', label: '€ Budget', hint: 'Snacks and street food.' },
  { value: '2', label: '€€ Moderate', hint: 'Most restaurants.' },
  { value: '3', label: '€€€ Upscale' },
  { value: '4', label: '€€€€ Fine dining' },
];

const commonCurrencies = ['EUR', 'GBP', 'CHF', 'USD', 'PLN', 'CZK', 'SEK', 'DKK', 'NOK', 'JPY'];

function timeZones(): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
  const zones = supported ? supported('timeZone') : [];
  return zones.length > 0 ? zones : ['Europe/Berlin', 'Europe/London', 'Europe/Paris', 'UTC'];
}

/** The paths the store fields show errors for (the rest goes into the form's message). */
export const storeFieldPaths = [
  'name',
  'description',
  'phone',
  'cuisines',
  'price_level',
  'prep_time_minutes',
  'minimum_order_minor',
  'photo_url',
  'address.line1',
  'address.line2',
  'address.postal_code',
  'address.city',
  'address.country',
  'location',
  'time_zone',
  'currency',
] as const;

export interface StoreExtras {
  cuisines: Cuisine[];
  location: LatLng | null;
}

/** Text fields of the profile (what the Form collects). */
export function profileFromValues(
  values: Record<string, string>,
  currency: string,
): { body: Record<string, unknown>; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const body: Record<string, unknown> = {
    name: values.name ?? '',
    description: values.description || null,
    phone: values.phone || null,
    photo_url: values.photo_url || null,
  };
  if (values.price_level) body.price_level = Number(values.price_level);
  else errors.price_level = 'Choose a price level.';
  const prep = Number(values.prep_time_minutes);
  if (values.prep_time_minutes && Number.isInteger(prep)) body.prep_time_minutes = prep;
  else if (values.prep_time_minutes) errors.prep_time_minutes = 'must be a whole number of minutes';
  if (values.minimum_order_minor !== undefined) {
    const minor = parseMoney(values.minimum_order_minor || '0', currency);
    if (minor === null) errors.minimum_order_minor = 'must be an amount like 10.00';
    else body.minimum_order_minor = minor;
  }
  return { body, errors };
}

/** Address, time zone (and currency) of a kitchen from the Form's values. */
export function siteFromValues(values: Record<string, string>, location: LatLng | null) {
  const errors: Record<string, string> = {};
  if (!location) errors.location = 'Choose where the store is on the map.';
  return {
    body: {
      address: {
        line1: values['address.line1'] ?? '',
        line2: values['address.line2'] || null,
        postal_code: values['address.postal_code'] ?? '',
        city: values['address.city'] ?? '',
        country: (values['address.country'] ?? '').toUpperCase(),
      },
      ...(location ? { location: { lat: location.lat, lng: location.lng } } : {}),
      time_zone: values.time_zone ?? '',
      ...(values.currency ? { currency: values.currency } : {}),
    },
    errors,
  };
}

function CuisinesField({ value, onChange }: { value: Cuisine[]; onChange: (v: Cuisine[]) => void }) {
  const form = useFormState();
  const options = useMemo(() => cuisines.map((c) => ({ value: c, label: tagLabel(c) })), []);
  return (
    <CheckboxGroup
      legend="Cuisines"
      name="cuisines"
      hint="1 to 5: customers filter by them."
      options={options}
      values={value}
      max={5}
      columns
      error={form?.fields.cuisines}
      onChange={(v) => onChange(v as Cuisine[])}
    />
  );
}

function LocationField({
  value,
  onChange,
}: {
  value: LatLng | null;
  onChange: (v: LatLng) => void;
}) {
  const config = useWebConfig();
  const form = useFormState();
  const error = form?.fields.location;
  const layers = useMemo(
    () => (value ? [{ kind: 'point' as const, id: 'store', at: value, label: 'Your store', tone: 'selected' as const }] : []),
    [value],
  );
  return (
    <fieldset class="choices">
      <legend>Location on the map</legend>
      <p class="hint">
        Click where the store is, or move the map with the arrow keys and press “Put the store at
        the map centre”. Couriers pick up here; the delivery zone is measured from here.
      </p>
      <MapView
        label="Where the store is"
        center={value ?? config.mapCenter}
        tiles={config.tiles}
        layers={layers}
        onPick={onChange}
        pickLabel="Put the store at the map centre"
      />
      <p role="status">
        {value ? `The store is at ${describePoint(value)}.` : 'No location chosen yet.'}
      </p>
      {error && <span class="field-error">{error}</span>}
    </fieldset>
  );
}

export interface StoreFieldsProps {
  /** The current document (profile page) or nothing (a new store or brand). */
  merchant?: Merchant;
  extras: StoreExtras;
  onExtras: (extras: StoreExtras) => void;
  /** Address, location, time zone (and currency for a new store): kitchens only. */
  site: 'new' | 'edit' | 'none';
  currency: string;
}

export function StoreFields({ merchant, extras, onExtras, site, currency }: StoreFieldsProps) {
  const zones = useMemo(timeZones, []);
  const defaultZone = merchant?.time_zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <>
      <TextField name="name" label="Store name" maxLength={120} defaultValue={merchant?.name} required />
      <TextArea
        name="description"
        label="Description"
        hint="One or two sentences customers see on your page."
        maxLength={1000}
        defaultValue={merchant?.description ?? ''}
      />
      <CuisinesField value={extras.cuisines} onChange={(c) => onExtras({ ...extras, cuisines: c })} />
      <RadioGroup
        name="price_level"
        legend="Price level"
        options={priceLevels}
        defaultValue={String(merchant?.price_level ?? 2)}
        required
      />
      <TextField
        name="prep_time_minutes"
        label="Preparation time (minutes)"
        hint="How long an order usually takes to prepare: it goes into delivery estimates."
        type="number"
        inputMode="numeric"
        min={1}
        max={180}
        defaultValue={String(merchant?.prep_time_minutes ?? 15)}
        required
      />
      <TextField
        name="minimum_order_minor"
        label={`Minimum order (${currency})`}
        hint="Smallest basket you accept, e.g. 10.00. 0 for none."
        inputMode="decimal"
        defaultValue={moneyInputValue(merchant?.minimum_order_minor ?? 0, currency)}
        required
      />
      <TextField name="phone" label="Phone" type="tel" autoComplete="tel" defaultValue={merchant?.phone ?? ''} />
      <TextField
        name="photo_url"
        label="Photo URL"
        hint="A path on this site such as /demo/photos/pizza.svg, or an https address."
        defaultValue={merchant?.photo_url ?? ''}
      />
      {site !== 'none' && (
        <fieldset class="choices">
          <legend>Address</legend>
          <TextField
            name="address.line1"
            label="Street and number"
            autoComplete="address-line1"
            defaultValue={merchant?.address.line1}
            required
          />
          <TextField
            name="address.line2"
            label="Address line 2"
            autoComplete="address-line2"
            defaultValue={merchant?.address.line2 ?? ''}
          />
          <TextField
            name="address.postal_code"
            label="Postal code"
            autoComplete="postal-code"
            defaultValue={merchant?.address.postal_code}
            required
          />
          <TextField
            name="address.city"
            label="City"
            autoComplete="address-level2"
            defaultValue={merchant?.address.city}
            required
          />
          <TextField
            name="address.country"
            label="Country code"
            hint="2 letters, e.g. DE for Germany."
            autoComplete="country"
            maxLength={2}
            defaultValue={merchant?.address.country ?? 'DE'}
            required
          />
        </fieldset>
      )}
      {site !== 'none' && (
        <LocationField value={extras.location} onChange={(l) => onExtras({ ...extras, location: l })} />
      )}
      {site !== 'none' && (
        <Select
          name="time_zone"
          label="Time zone"
          hint="Opening hours are in this time zone."
          options={zones.map((z) => ({ value: z, label: z.replace(/_/g, ' ') }))}
          defaultValue={zones.includes(defaultZone) ? defaultZone : 'Europe/Berlin'}
          required
        />
      )}
      {site === 'new' && (
        <Select
          name="currency"
          label="Currency"
          hint="Prices on your menu are in this currency."
          options={commonCurrencies.map((c) => ({ value: c, label: c }))}
          defaultValue="EUR"
          required
        />
      )}
    </>
  );
}
