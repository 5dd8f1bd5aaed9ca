// A merchant's ratings: the average, how the stars spread, and the reviews, newest first.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { merchantReviews, type Review, type ReviewSummary } from '../../../api/reviews';
import { Alert, formatDate, LoadMore, Rating, ratingWords, usePagedList } from '../../../ui';

const PAGE_SIZE = 5;
const noCursor = () => '';

export function ReviewsSection({ merchantId }: { merchantId: string }) {
  const [summary, setSummary] = useState<ReviewSummary | null>(null);
  const fetchPage = useCallback(
    async (id: string, cursor: string | undefined, limit: number) => {
      const r = await merchantReviews(id, cursor, limit);
      if (r.ok && !cursor) setSummary(r.summary);
      return r;
    },
    [],
  );
  const list = usePagedList<Review, string>(fetchPage, noCursor, PAGE_SIZE, merchantId);
  useEffect(() => void list.load(merchantId), [merchantId]);

  return (
    <section aria-labelledby="reviews-title">
      <h2 id="reviews-title">Ratings and reviews</h2>
      {list.error && <Alert tone="error">{list.error.message}</Alert>}
      {summary && summary.count > 0 && <Distribution summary={summary} />}
      {list.items === null ? (
        !list.error && <p role="status">Loading the reviews…</p>
      ) : list.items.length === 0 ? (
        <div class="empty-state">
          <p>No reviews yet. Customers can rate this merchant after a delivered order.</p>
        </div>
      ) : (
        <>
          <ul class="shop-reviews">
            {list.items.map((r) => (
              <li key={r.id} class="shop-review">
                <p>
                  <strong>{r.author_name}</strong>{' '}
                  <span class="muted">{formatDate(r.created_at)}</span>
                </p>
                <p>
                  <span aria-hidden="true" class="rating-star">
                    {'★'.repeat(r.rating)}
                    <span class="rating-empty">{'★'.repeat(5 - r.rating)}</span>
                  </span>
                  <span class="visually-hidden">
                    {r.rating} of 5 stars: {ratingWords[r.rating - 1]}
                  </span>
                </p>
                {r.comment && <p>{r.comment}</p>}
              </li>
            ))}
          </ul>
          <LoadMore
            shown={list.items.length}
            done={list.done}
            busy={list.loadingMore}
            onMore={() => void list.more()}
            noun={['review', 'reviews']}
          />
        </>
      )}
    </section>
  );
}

function Distribution({ summary }: { summary: ReviewSummary }) {
  const counts = summary.distribution as Record<string, number>;
  return (
    <div class="rating-summary">
      <p>
        <Rating average={summary.average} count={summary.count} />
      </p>
      <ul class="rating-bars">
        {[5, 4, 3, 2, 1].map((stars) => {
          const n = counts[String(stars)] ?? 0;
          return (
            <li key={stars}>
              <span class="rating-bar-label">{stars} ★</span>
              <progress max={summary.count} value={n} aria-label={`${stars} stars`} />
              <span>{n}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
