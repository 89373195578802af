"""The staff pages' forms (Flask-WTF: every one carries a CSRF token)."""
from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import BooleanField, HiddenField, PasswordField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError

YES_NO = [("yes", "Yes"), ("no", "No")]
EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


class LoginForm(FlaskForm):
    email = StringField("Email", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=1024)])
    next = HiddenField()


class ActionForm(FlaskForm):
    """A button that changes something (sign out, retry): only the CSRF token."""


class FeedbackForm(FlaskForm):
    call_type_right = RadioField("Was the call type right?", choices=YES_NO, validators=[DataRequired()])
    right_call_type = SelectField("If not, the right call type", choices=[], validate_choice=True,
                                  validators=[Optional()])
    should_have_escalated = RadioField("Should it have gone to a person?", choices=YES_NO,
                                       validators=[DataRequired()])
    answer_right = RadioField("Was the answer right?", choices=[*YES_NO, ("n/a", "Not applicable")],
                              validators=[DataRequired()])
    comment = TextAreaField("Comment", validators=[Optional(), Length(max=5000)])

    def with_call_types(self, call_types: list[str]) -> "FeedbackForm":
        self.right_call_type.choices = [("", "-"), *[(c, c.replace("_", " ")) for c in call_types],
                                        ("out_of_scope", "none of them (out of scope)")]
        return self

    def validate_right_call_type(self, field: SelectField) -> None:
        if self.call_type_right.data == "no" and not field.data:
            raise ValidationError("choose the call type it should have been")


class ContactForm(FlaskForm):
    name = StringField("Name", validators=[Optional(), Length(max=200)])
    email = StringField("Email", validators=[Optional(), Length(max=254), Regexp(EMAIL, message="not an email address")])
    vip = BooleanField("VIP (always put through to a person)")
    do_not_call = BooleanField("Do not call (no follow-up calls or texts)")
    preferred_language = SelectField("Preferred language", choices=[], validators=[Optional()])

    def with_languages(self, codes: list[str]) -> "ContactForm":
        self.preferred_language.choices = [("", "-"), *[(c, c) for c in codes]]
        return self


class ImportForm(FlaskForm):
    file = FileField("CSV file", validators=[FileRequired(), FileAllowed(["csv", "txt"], "a .csv file, please")])
