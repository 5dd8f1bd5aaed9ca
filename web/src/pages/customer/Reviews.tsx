// Rating merchants: every delivered order that may still be rated (30 days after delivery), each
// with a star rating and an optional comment, and the courier who brought it (CourierRatingFields).
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import {
  postReview,
  reviewableOrders,
  type CourierTag,
  type ReviewableOrder,
} from '../../api/reviews';
import {
  Alert,
  formatDate,
  Form,
  Link,
  LoadMore,
  Page,
  RatingInput,
  TextArea,
  usePagedList,
} from '../../ui';
import { merchantPath, paths } from './paths';
import { CourierRatingFields } from './shop/CourierRatingFields';
import { SignedIn } from './SignedIn';

const PAGE_SIZE = 10;
const noCursor = () => '';

export function Reviews({ nav }: { nav: ComponentChildren }) {
  return (
    <Page title="Rate your orders" portal="Customer" nav={nav}>
      <SignedIn visitorText="Log in to rate the merchants you ordered from.">
        <Reviewable />
      </SignedIn>
    </Page>
  );
}

function Reviewable() {
  const list = usePagedList<ReviewableOrder, null>(
    (_f, cursor, limit) => reviewableOrders(cursor, limit),
    noCursor,
    PAGE_SIZE,
    null,
  );
  const [rated, setRated] = useState<string[]>([]);
  useEffect(() => void list.load(null), []);

  if (list.error) return <Alert tone="error">{list.error.message}</Alert>;
  if (list.items === null) return <p role="status">Loading your orders…</p>;
  if (list.items.length === 0)
    return (
      <div class="empty-state" role="status">
        <p>
          Nothing to rate right now. You can rate a merchant after a delivered order, for 30 days after
          the delivery.
        </p>
        <p>
          <Link href={paths.browse}>Find something to order</Link>
        </p>
      </div>
    );
  return (
    <div class="stack">
      <ul class="shop-review-forms">
        {list.items.map((o) => (
          <li key={o.order_id} class="card">
            {rated.includes(o.order_id) ? (
              <Alert tone="success">Thank you: your rating of {o.merchant_name} is published.</Alert>
            ) : (
              <RateOrder order={o} onDone={() => setRated([...rated, o.order_id])} />
            )}
          </li>
        ))}
      </ul>
      <LoadMore
        shown={list.items.length}
        done={list.done}
        busy={list.loadingMore}
        onMore={() => void list.more()}
        noun={['order', 'orders']}
      />
    </div>
  );
}

function RateOrder({ order: o, onDone }: { order: ReviewableOrder; onDone: () => void }) {
  const [rating, setRating] = useState<number | null>(null);
  const [ratingError, setRatingError] = useState<string | undefined>();
  const [courierRating, setCourierRating] = useState<number | null>(null);
  const [courierTags, setCourierTags] = useState<CourierTag[]>([]);
  return (
    <>
      <h2>
        <Link href={merchantPath(o.merchant_id)}>{o.merchant_name}</Link>
      </h2>
      <p class="muted">
        Delivered {formatDate(o.delivered_at)}; you can rate it until{' '}
        {formatDate(o.review_before)}.
      </p>
      <Form
        label={`Rate ${o.merchant_name}`}
        submitLabel="Publish my rating"
        busyLabel="Publishing…"
        onSubmit={async ({ comment }) => {
          if (!rating) {
            setRatingError('Choose from 1 to 5 stars.');
            return { message: 'Choose a rating first.', fields: {}, status: 0 };
          }
          setRatingError(undefined);
          const courier = courierRating ? { rating: courierRating, tags: courierTags } : undefined;
          const review = {
            order_id: o.order_id,
            rating,
            ...(comment ? { comment } : {}),
            ...(courier ? { courier } : {}),
          };
          const r = await postReview(o.merchant_id, review);
          if (!r.ok) return r.error;
          onDone();
        }}
      >
        <RatingInput
          name="rating"
          legend="Your rating"
          value={rating}
          onChange={setRating}
          error={ratingError}
          required
        />
        <TextArea
          name="comment"
          label="Comment"
          hint="What was good, what could be better (up to 2,000 characters)."
          maxLength={2000}
        />
        {o.courier_to_rate && (
          <CourierRatingFields
            rating={courierRating}
            onRating={setCourierRating}
            tags={courierTags}
            onTags={setCourierTags}
          />
        )}
      </Form>
    </>
  );
}
