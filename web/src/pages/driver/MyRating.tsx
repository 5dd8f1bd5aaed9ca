// The courier's rating by customers over the last 30 days (GET /v1/drivers/me/quality): the
// average of the stars customers gave their deliveries and how many rated.
import { useEffect, useState } from 'preact/hooks';
import { myQuality } from '../../api/deliveries';
import { Rating } from '../../ui';

interface Score {
  rating: number | null;
  rating_count: number;
  window_days: number;
}

export function MyRating() {
  const [score, setScore] = useState<Score | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    void myQuality().then((r) => (r.ok ? setScore(r.data) : setFailed(true)));
  }, []);
  return (
    <section class="card" aria-labelledby="my-rating">
      <h2 id="my-rating">Your rating</h2>
      {failed && <p>Your rating could not be loaded; it shows here next time.</p>}
      {!score && !failed && <p role="status">Loading your rating…</p>}
      {score && (
        <p>
          <Rating average={score.rating ?? 0} count={score.rating_count} />{' '}
          <span class="muted">from customers in the last {score.window_days} days</span>
        </p>
      )}
    </section>
  );
}
