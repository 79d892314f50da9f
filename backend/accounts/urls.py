from django.urls import path

from accounts import apis

urlpatterns = [
    path("config/", apis.ConfigApi.as_view(), name="config"),
    path("setup/", apis.SetupApi.as_view(), name="setup"),
    path("me/", apis.MeApi.as_view(), name="me"),
    path("me/tokens/", apis.MyTokensApi.as_view(), name="my-tokens"),
    path("me/tokens/<int:pk>/", apis.MyTokenApi.as_view(), name="my-token"),
    path("users/", apis.PeopleApi.as_view(), name="people"),
    path("users/<int:pk>/", apis.PersonApi.as_view(), name="person"),
    path("users/<int:pk>/invitation/", apis.InvitationApi.as_view(), name="invitation"),
    path("users/<int:pk>/tokens/", apis.PersonTokensApi.as_view(), name="person-tokens"),
    path(
        "users/<int:pk>/tokens/<int:token_pk>/",
        apis.PersonTokenApi.as_view(),
        name="person-token",
    ),
    path("settings/", apis.DeskSettingsApi.as_view(), name="desk-settings"),
    path("demo/people/", apis.DemoPeopleApi.as_view(), name="demo-people"),
    path("demo/sign-in/", apis.DemoSignInApi.as_view(), name="demo-sign-in"),
]
