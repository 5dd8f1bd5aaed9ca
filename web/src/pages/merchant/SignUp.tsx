// A merchant account: then "Create your store", or ask an owner to add you to theirs.
import { SignUpForm } from '../../auth/SignUpForm';
import { Link, navigate } from '../../ui';
import { MerchantPage, paths } from './shell';

export function SignUp() {
  return (
    <MerchantPage title="Create a merchant account" narrow>
      <div class="stack">
        <p>
          With a merchant account you create your store, or join one whose owner adds you to its
          staff.
        </p>
        <SignUpForm
          role="merchant"
          label="Create a merchant account"
          nameLabel="Your name"
          onRegistered={() => navigate(paths.home)}
        />
        <p>
          Already have an account? <Link href={paths.logIn}>Log in</Link>
        </p>
      </div>
    </MerchantPage>
  );
}
