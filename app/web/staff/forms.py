"""The staff pages' forms (Flask-WTF: every one carries a CSRF token)."""
from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import BooleanField, HiddenField, PasswordField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp

try:  # WTForms 3.3 names choices with SelectChoice; older versions take (value, label) pairs
    from wtforms.fields.choices import SelectChoice as _Choice
except ImportError:  # pragma: no cover
    def _Choice(value: str, label: str) -> tuple[str, str]:  # type: ignore[misc]  # noqa: N802
        return value, label


def choices(pairs: list[tuple[str, str]]) -> list:
    return [_Choice(value, label) for value, label in pairs]


YES_NO = [("yes", "Yes"), ("no", "No")]
EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


class LoginForm(FlaskForm):
    email = StringField("Email", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=1024)])
    next = HiddenField()


class ActionForm(FlaskForm):
    """A button that changes something (sign out, retry): only the CSRF token."""


class FeedbackForm(FlaskForm):
    call_type_right = RadioField("Was the call type right?", choices=choices(YES_NO), validators=[DataRequired()])
    right_call_type = SelectField("If not, the right call type", choices=[], validate_choice=True,
                                  validators=[Optional()])
    should_have_escalated = RadioField("Should it have gone to a person?", choices=choices(YES_NO),
                                       validators=[DataRequired()])
    answer_right = RadioField("Was the answer right?", choices=choices([*YES_NO, ("n/a", "Not applicable")]),
                              validators=[DataRequired()])
    comment = TextAreaField("Comment", validators=[Optional(), Length(max=5000)])

    def with_call_types(self, call_types: list[str]) -> "FeedbackForm":
        self.right_call_type.choices = choices([("", "-"), *[(c, c.replace("_", " ")) for c in call_types],
                                                ("out_of_scope", "none of them (out of scope)")])
        return self

    def validate(self, extra_validators=None) -> bool:  # type: ignore[no-untyped-def]
        """A "no" needs the right call type (a field-level check would be skipped when it is empty)."""
        valid = super().validate(extra_validators)
        if self.call_type_right.data == "no" and not self.right_call_type.data:
            self.right_call_type.errors = [*self.right_call_type.errors, "choose the call type it should have been"]
            return False
        return valid


class ContactForm(FlaskForm):
    name = StringField("Name", validators=[Optional(), Length(max=200)])
    email = StringField("Email", validators=[Optional(), Length(max=254), Regexp(EMAIL, message="not an email address")])
    vip = BooleanField("VIP (always put through to a person)")
    do_not_call = BooleanField("Do not call (no follow-up calls or texts)")
    preferred_language = SelectField("Preferred language", choices=[], validators=[Optional()])

    def with_languages(self, codes: list[str]) -> "ContactForm":
        self.preferred_language.choices = choices([("", "-"), *[(c, c) for c in codes]])
        return self


class ImportForm(FlaskForm):
    file = FileField("CSV file", validators=[FileRequired(), FileAllowed(["csv", "txt"], "a .csv file, please")])
