// Becoming a courier from the driver app: a courier account (role driver), then the vehicle and
// the ID document on the vehicle page, where the ID check's state stays in view.
import { SignUpForm } from '../../auth/SignUpForm';
import { Link, navigate } from '../../ui';
import { DriverPage, paths } from './shell';

export function SignUp() {
  return (
    <DriverPage title="Become a courier">
      <div class="stack">
        <p>Step 1 of 3: your account. Then your vehicle, then your ID document for an admin to check.</p>
        <SignUpForm
          role="driver"
          label="Create your courier account"
          phoneHint="For customers and restaurants to reach you on a delivery."
          onRegistered={() => navigate(`${paths.profile}?welcome=1`)}
        />
        <p>
          Already a courier? <Link href={paths.logIn}>Log in</Link>
        </p>
      </div>
    </DriverPage>
  );
}
