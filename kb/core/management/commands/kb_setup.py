"""Prepare a fresh site for `make run`: the page skeleton, the demo data (once), an admin.

The admin's password is generated, kept in `.state/admin-login.txt` (ignored by git) and
printed every time, so a newcomer always sees how to sign in.
"""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from kb.exemplars.models import ExemplarPage
from kb.home.structure import ensure_site_structure
from kb.users import roles

ADMIN_USERNAME = "admin"


class Command(BaseCommand):
    help = "Dựng khung trang, nạp dữ liệu mẫu (một lần) và tạo tài khoản quản trị."

    def add_arguments(self, parser):
        parser.add_argument("--no-demo", action="store_true", help="Không nạp dữ liệu mẫu.")

    def handle(self, *args, no_demo: bool = False, **options):
        ensure_site_structure()
        if not no_demo and not ExemplarPage.objects.exists():
            self.stdout.write("Nạp dữ liệu mẫu…")
            call_command("kb_demo", stdout=self.stdout, stderr=self.stderr)
        password = self._ensure_admin()
        people = []
        if not no_demo:
            from kb.nominations.demo import ensure_demo_people, load_demo_nominations

            people = ensure_demo_people(password)
            # The demo's dossiers notify their people by e-mail; nobody needs those here.
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
                load_demo_nominations()
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        self.stdout.write(
            self.style.SUCCESS(
                f"\nTrang web: {base}/\nTrang quản trị: {base}/admin/\n"
                f"Đăng nhập: {ADMIN_USERNAME} / {password}\n"
            )
        )
        if people:
            self.stdout.write("Tài khoản mẫu theo vai trò (cùng mật khẩu):")
            for username, role, unit in people:
                self.stdout.write(f"  {username:<14} {role} — {unit}")

    def _ensure_admin(self) -> str:
        state = Path(settings.BASE_DIR) / ".state"
        state.mkdir(exist_ok=True)
        login_file = state / "admin-login.txt"
        user_model = get_user_model()
        user = user_model.objects.filter(username=ADMIN_USERNAME).first()
        if user is not None and login_file.exists():
            stored = login_file.read_text().strip()
            if user.check_password(stored):
                return stored
            # The file belongs to another database (DATABASE_URL changed): make a new one.
        password = secrets.token_urlsafe(12)
        if user is None:
            user = user_model.objects.create_superuser(
                ADMIN_USERNAME, "admin@localhost", password, first_name="Quản trị"
            )
        else:
            user.set_password(password)
            user.save(update_fields=["password"])
        user.groups.add(*Group.objects.filter(name=roles.ADMINISTRATOR))
        login_file.write_text(password + "\n")
        login_file.chmod(0o600)
        return password
