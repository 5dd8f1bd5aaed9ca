// The courier part of an order's rating form: stars for the courier who brought the order and a
// few words about the ride (the API's courier tags). Optional: without stars, the courier is not
// rated, and the review cannot add it later (an order has one review).
import { CheckboxGroup, RatingInput } from '../../../ui';
import { courierTags, type CourierTag } from '../../../api/reviews';

export interface CourierRatingFieldsProps {
  rating: number | null;
  onRating: (rating: number) => void;
  tags: CourierTag[];
  onTags: (tags: CourierTag[]) => void;
}

export function CourierRatingFields({ rating, onRating, tags, onTags }: CourierRatingFieldsProps) {
  return (
    <fieldset class="courier-rating">
      <legend>Your courier</legend>
      <p class="hint">Optional. Your courier can be rated only here, with this order's rating.</p>
      <RatingInput name="courier.rating" legend="Courier's rating" value={rating} onChange={onRating} />
      <CheckboxGroup
        legend="How was the delivery?"
        hint={rating === null ? 'Give the courier stars first.' : 'Choose any that apply.'}
        options={courierTags.map((t) => ({ ...t, disabled: rating === null }))}
        values={tags}
        onChange={(values) => onTags(values as CourierTag[])}
        columns
      />
    </fieldset>
  );
}
