"""
The browser login form, rate-limited like the API's sign-in endpoints.

Contract: `/accounts/login/` behaves as Django's LoginView, except that a POST
over the `auth_ip` or `auth_username` rate (letdown_project/throttling.py)
is not checked against the password at all: it answers 429 with
`Retry-After` and the form again, saying calmly how long to wait.
"""

from django.contrib.auth.views import LoginView
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms.utils import ErrorDict
from django.utils.translation import ngettext

from letdown_project.throttling import sign_in_retry_after


class ThrottledLoginView(LoginView):
    def post(self, request, *args, **kwargs):
        retry_after = sign_in_retry_after(request)
        if retry_after is None:
            return super().post(request, *args, **kwargs)
        # An unbound form carrying only our message: the password is never checked
        # while throttled, and the username stays filled in.
        form = self.get_form_class()(request, initial={"username": request.POST.get("username")})
        minutes = max(1, -(-retry_after // 60))
        message = ngettext(
            "Too many sign-in attempts. Please wait %(n)d minute and try again.",
            "Too many sign-in attempts. Please wait %(n)d minutes and try again.",
            minutes,
        ) % {"n": minutes}
        form._errors = ErrorDict(
            {NON_FIELD_ERRORS: form.error_class([message], error_class="nonfield")}
        )
        response = self.render_to_response(self.get_context_data(form=form), status=429)
        response["Retry-After"] = str(retry_after)
        return response
