"""
The browser sign-in forms, rate-limited like the API's sign-in endpoints.

Contract: `/accounts/login/` behaves as Django's LoginView and `/admin/login/`
as the admin's own login view, except that a POST over the `auth_ip` or
`auth_username` rate (letdown_project/throttling.py) is not checked against
the password at all: it answers 429 with `Retry-After` and the form again,
saying calmly how long to wait. The admin's login counts against the same
per-IP and per-username counters as every other sign-in path, so a guesser
cannot move to the one door that staff (who see every family's data) use.
A successful sign-in marks the browser as a known device for that username
(docs/decisions/0009-sign-in-throttling.md). `ThrottledFormMixin` gives the
password-reset page the same throttled answer.
"""

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import LoginView
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms.utils import ErrorDict
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from letdown_project.throttling import SIGN_IN_THROTTLES, remember_device, sign_in_retry_after


def throttled_message(retry_after: int, what: str | None = None) -> str:
    minutes = max(1, -(-retry_after // 60))
    wait = ngettext(
        "Please wait %(n)d minute and try again.",
        "Please wait %(n)d minutes and try again.",
        minutes,
    ) % {"n": minutes}
    return f"{what or _('Too many sign-in attempts.')} {wait}"


class ThrottledFormMixin:
    """A form view whose POST over its rates is not handled: 429, Retry-After, the form again."""

    throttles = SIGN_IN_THROTTLES
    throttled_words: str | None = None
    # Set by `as_view(retry_after=...)` to render the throttled answer only.
    retry_after: int | None = None

    def post(self, request, *args, **kwargs):
        retry_after = self.retry_after or sign_in_retry_after(request, self.throttles)
        if retry_after is None:
            return super().post(request, *args, **kwargs)
        # An unbound form carrying only our message: nothing is checked or sent
        # while throttled, and what was typed stays filled in.
        form = self.unbound_form(request)
        message = throttled_message(retry_after, self.throttled_words)
        form._errors = ErrorDict(
            {NON_FIELD_ERRORS: form.error_class([message], error_class="nonfield")}
        )
        response = self.render_to_response(self.get_context_data(form=form), status=429)
        response["Retry-After"] = str(retry_after)
        return response


class ThrottledLoginView(ThrottledFormMixin, LoginView):
    def unbound_form(self, request):
        return self.get_form_class()(request, initial={"username": request.POST.get("username")})

    def form_valid(self, form):
        response = super().form_valid(form)
        remember_device(response, form.get_user().get_username())
        return response


def admin_login(request):
    """`/admin/login/`: the admin's login view behind the sign-in rate limits."""
    if request.method != "POST":
        return admin.site.login(request)
    retry_after = sign_in_retry_after(request)
    if retry_after is None:
        response = admin.site.login(request)
        if response.status_code == 302 and request.user.is_authenticated:
            remember_device(response, request.user.get_username())
        return response
    # The context the admin's own login view gives its template (AdminSite.login).
    context = {
        **admin.site.each_context(request),
        "title": _("Log in"),
        "subtitle": None,
        "app_path": request.get_full_path(),
        "username": request.user.get_username(),
    }
    if REDIRECT_FIELD_NAME not in request.GET and REDIRECT_FIELD_NAME not in request.POST:
        context[REDIRECT_FIELD_NAME] = reverse("admin:index", current_app=admin.site.name)
    request.current_app = admin.site.name
    return ThrottledLoginView.as_view(
        extra_context=context,
        authentication_form=admin.site.login_form or AdminAuthenticationForm,
        template_name=admin.site.login_template or "admin/login.html",
        retry_after=retry_after,
    )(request)
