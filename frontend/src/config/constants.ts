/** Limits mirrored from the backend so the form can warn before the server refuses. */
export const TITLE_MAX_LENGTH = 200;
export const DESCRIPTION_MAX_LENGTH = 10_000;

/** A suggestion for a few words is noise; wait until the description says something. */
export const CLASSIFY_MIN_DESCRIPTION_LENGTH = 15;
export const CLASSIFY_DEBOUNCE_MS = 500;
/** How long suggestions pause after a 429 that did not say how long (Retry-After). */
export const CLASSIFY_THROTTLED_PAUSE_MS = 30_000;

export const SEARCH_DEBOUNCE_MS = 300;
export const TICKETS_PAGE_SIZE = 20;

/** Other people's tickets should appear without anyone reloading the page. */
export const REFRESH_INTERVAL_MS = 30_000;
/** The agents' console is watched all day: its list and queue counts refresh sooner. */
export const CONSOLE_REFRESH_INTERVAL_MS = 10_000;
/** Rows per console page: more than a 1440×900 screen shows, fewer than a long scroll. */
export const CONSOLE_PAGE_SIZE = 25;

/** django-allauth's endpoints for a browser (session cookie) client. */
export const AUTH_API = "/_allauth/browser/v1";

/** People and requesters listed per request on the People page and in the picker. */
export const USERS_PAGE_SIZE = 25;

/** A conversation is read while it happens: replies from others show up this soon. */
export const COMMENTS_REFRESH_INTERVAL_MS = 10_000;
/** A ticket filed while a language model is asked in the background: its page looks
 * for the answer this often… */
export const CLASSIFYING_REFRESH_INTERVAL_MS = 1_500;
/**
 * …for this long after the ticket was filed. The worker asks again 30 s and 2 min after
 * a failed attempt, then keeps the quick suggestion: a ticket still classifying later
 * waits on a worker that is not running, and is no longer worth watching closely.
 */
export const CLASSIFYING_PATIENCE_MS = 3 * 60_000;
/** Comments fetched per request; the backend allows up to 200. */
export const COMMENTS_PAGE_SIZE = 200;
export const COMMENT_MAX_LENGTH = 10_000;
