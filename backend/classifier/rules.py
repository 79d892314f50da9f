"""Keyword and phrase rules: the backend that always answers.

Read it top to bottom: text is lower-cased and stripped of accents, each category
collects the weights of the cues it finds, and the priority comes from impact and
urgency cues in a fixed order. Cues are comma-separated words or phrases; a trailing
`*` matches any ending (`refund*` covers refund, refunds, refunded). They include
common Spanish, French and German words, written without accents.
"""

import re
import unicodedata

from classifier.base import Labels
from classifier.labels import Backend, Category, Priority


def cues(text: str) -> re.Pattern[str]:
    """Compile a comma-separated cue list into one pattern anchored at word starts."""
    parts = []
    for cue in (item.strip() for item in text.split(",")):
        if not cue:
            continue
        stem = cue.removesuffix("*")
        body = r"\s+".join(re.escape(word) for word in stem.split())
        parts.append(body + (r"\w*" if cue.endswith("*") else r"(?!\w)"))
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")")


# Strong cues (3) name the subject outright; weak ones (1) only lean that way.
CATEGORY_CUES: dict[Category, list[tuple[int, re.Pattern[str]]]] = {
    Category.BILLING: [
        (
            3,
            cues("""
                refund*, invoice*, billing, billed, bill, bills, charge, charges, charged,
                overcharg*, payment*, subscription*, receipt*, credit card, debit card,
                card declined, pricing, renewal*, coupon*, promo code, discount*, vat,
                sales tax, factura*, cobr*, reembolso*, pago*, suscripcion*, facture*,
                rembours*, paiement*, prelev*, abonnement*, rechnung*, erstattung*,
                ruckerstattung*, zahlung*, abbuchung*, abgebucht, lastschrift*
            """),
        ),
        (
            1,
            cues("""
                paid, pay, paying, price*, plan, plans, upgrade*, downgrade*, cancel my,
                trial, fee*, cost*, money, transaction*, checkout, card, tarjeta, precio*,
                prix, tarif*, preis*, gebuhr*, geld
            """),
        ),
    ],
    Category.ACCOUNT: [
        (
            3,
            cues("""
                password*, log in, login*, log-in, logged out, sign in, signin, sign-in,
                locked out, username*, 2fa, two-factor, two factor, mfa, authenticator,
                verification code, reset link, sso, single sign-on, delete my account,
                close my account, deactivat*, contrasena*, iniciar sesion, mot de passe,
                identifiant*, passwort*, kennwort*, anmeld*, einlogg*
            """),
        ),
        (
            1,
            cues("""
                account*, profile*, email address, permission*, role*, invite*, access,
                credentials, user name, cuenta*, usuario*, compte*, connexion, konto*,
                benutzer*, zugang*, gesperrt
            """),
        ),
    ],
    Category.TECHNICAL: [
        (
            3,
            cues("""
                error*, bug*, crash*, outage, is down, went down, not loading, won't load,
                doesn't load, stopped working, not working, doesn't work, does not work,
                broken, exception, timeout*, timed out, 500, 502, 503, 504, api, webhook*,
                freez*, no funciona, se cae, caido, ne fonctionne pas, ne marche pas,
                plante, panne, erreur*, funktioniert nicht, absturz*, sturzt, fehler*
            """),
        ),
        (
            1,
            cues("""
                slow*, fail*, glitch*, stuck, blank, sync*, upload*, download*, install*,
                update*, integration*, server*, database, deploy*, dns, ssl, certificate,
                app, website, site, page, browser, android, ios, lento, lent, langsam
            """),
        ),
    ],
    Category.GENERAL: [
        (
            2,
            cues("""
                feature request, suggestion*, feedback, documentation, docs, partnership*,
                business hours, opening hours, thank you, thanks, do you offer, roadmap,
                is there a way, would be nice, would love, general question,
                just wondering, sugerencia*, pregunta*, question*, frage*, vorschlag*
            """),
        ),
        (1, cues("how do i, how can i, where can i, can i, is it possible, info*")),
    ],
}

# When two categories score the same, the earlier one wins: a concrete failure beats
# a money question, which beats an access question, which beats "general".
CATEGORY_ORDER = (Category.TECHNICAL, Category.BILLING, Category.ACCOUNT, Category.GENERAL)

# Any one of these makes a ticket critical: security, lost data, or a total outage.
CRITICAL = cues("""
    hacked, breach*, compromis*, unauthori*, stolen, fraud*, data leak*, leaked, exposed,
    phishing, data loss, lost all, deleted all, all my data, all our data, wiped, corrupt*,
    outage, production down, prod down, site is down, down for everyone, completely down,
    security, hackeado, pirate, gehackt, datenverlust
""")
# Many people affected: together with a blocker this is critical too.
BROAD = cues("""
    all users, all our users, all customers, all our customers, every user, everyone,
    everybody, nobody can, no one can, entire team, entire company, whole team,
    whole company, all of our, all employees, our customers, todos, tout le monde, alle
""")
# Someone cannot work, money went wrong, or time is short.
HIGH = cues("""
    can't log in, cannot log in, can't login, cannot login, unable to log in, can't access,
    cannot access, unable to access, locked out, can't pay, cannot pay, charged twice,
    double charg*, charged two, overcharg*, wrong amount, urgent*, asap, immediately,
    right now, deadline, today, tonight, blocking, blocked, is down, crash*, lost,
    no workaround, can't work, cannot work, urgente, dringend, sofort, bloque*
""")
# Questions, wishes and cosmetics can wait.
LOW = cues("""
    how do i, how can i, is it possible, is there a way, question*, wondering,
    feature request, would be nice, would love, suggestion*, typo*, cosmetic, misaligned,
    alignment, font, color, colour, minor, no rush, not urgent, whenever,
    when you get a chance, dark mode, pregunta*, sugerencia*, frage*, vorschlag*
""")
# A workaround takes one step off the priority.
WORKAROUND = cues("workaround, work around, in the meantime, for now")
NO_WORKAROUND = cues("no workaround, without a workaround")


def normalise(text: str) -> str:
    """Lower-case, drop accents and unify apostrophes so cues match every spelling."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("\u2019", "'"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def category_for(text: str) -> Category:
    scores = {
        category: sum(weight for weight, pattern in table if pattern.search(text))
        for category, table in CATEGORY_CUES.items()
    }
    best = max(scores.values())
    if best == 0:
        return Category.GENERAL
    return next(category for category in CATEGORY_ORDER if scores[category] == best)


def priority_for(text: str) -> Priority:
    if CRITICAL.search(text):
        return Priority.CRITICAL
    high = HIGH.search(text) is not None
    if high and BROAD.search(text):
        return Priority.CRITICAL
    if high:
        priority = Priority.HIGH
    elif LOW.search(text) or text.rstrip().endswith("?"):
        return Priority.LOW
    else:
        priority = Priority.MEDIUM
    if WORKAROUND.search(text) and not NO_WORKAROUND.search(text):
        priority = Priority.MEDIUM if priority == Priority.HIGH else Priority.LOW
    return priority


class RulesClassifier:
    backend = Backend.RULES
    model = None

    def classify(self, title: str, description: str) -> Labels:
        text = normalise(f"{title}\n{description}")
        return Labels(category=category_for(text), priority=priority_for(text))

    def health(self) -> dict:
        return {"name": self.backend.value, "enabled": True, "state": "ready"}
