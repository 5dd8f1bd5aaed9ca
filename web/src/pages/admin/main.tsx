import { render } from 'preact';
import { restoreSession } from '../../api/client';
import { App } from './App';

// Exchange a refresh token left by an earlier load of this tab before the first render that
// needs it; the gate shows "Checking your session…" meanwhile.
void restoreSession();
render(<App />, document.getElementById('app')!);
