import { Link } from 'react-router';
import { PageHeader } from '../ui/page';

export function NotFoundScreen() {
  return (
    <>
      <PageHeader title="Nothing here" lead="This address is not a screen of the dashboard." />
      <Link to="/">Back to the overview</Link>
    </>
  );
}
