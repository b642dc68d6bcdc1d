# Django REST framework with SimpleJWT, TokenAuthentication and Basic, in one file.
import sys
import django
from django.conf import settings

settings.configure(
    DEBUG=False, ALLOWED_HOSTS=["*"], ROOT_URLCONF=__name__, SECRET_KEY="capture-secret-not-a-real-one-0123456789",
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "rest_framework", "rest_framework.authtoken"],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    MIDDLEWARE=[],
    REST_FRAMEWORK={"DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"]},
    SIMPLE_JWT={"SIGNING_KEY": "capture-secret-not-a-real-one-0123456789"},
)
django.setup()
from django.urls import path
from rest_framework.authentication import BasicAuthentication, TokenAuthentication
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.authentication import JWTAuthentication

class JWTView(APIView):
    authentication_classes = [JWTAuthentication]
    def get(self, request):
        return Response({"ok": True})

class TokenView(APIView):
    authentication_classes = [TokenAuthentication]
    def get(self, request):
        return Response({"ok": True})

class BasicView(APIView):
    authentication_classes = [BasicAuthentication]
    def get(self, request):
        return Response({"ok": True})

urlpatterns = [path("jwt", JWTView.as_view()), path("token", TokenView.as_view()), path("basic", BasicView.as_view())]

if __name__ == "__main__":
    from django.core.management import call_command
    call_command("migrate", verbosity=0)
    from django.core.management import execute_from_command_line
    execute_from_command_line([sys.argv[0], "runserver", "--noreload", "--nothreading", sys.argv[1]])
