"""The API asks the kernel's permission module, like every page does: `user.has_perm("app.action_model",
obj)` for the viewset's action. Reads are scoped by the queryset (`visible_to(user)`), so listing and
reading need no extra rule; writes need the rule, on the object when there is one."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

# DRF actions → the action part of the django-rules permission names.
ACTION_PERMISSIONS = {
    "list": "view",
    "retrieve": "view",
    "create": "add",
    "update": "change",
    "partial_update": "change",
    "destroy": "delete",
}


def permission_action(view, request) -> str:
    """The rule's action for this request: a viewset may map its extra actions with
    `permission_actions = {"publish": "publish"}`; other safe requests are reads."""
    action = getattr(view, "action", None)
    mapped = {**ACTION_PERMISSIONS, **getattr(view, "permission_actions", {})}
    if action in mapped:
        return mapped[action]
    if request.method in SAFE_METHODS:
        return "view"
    return action or "change"


def permission_for(view, action: str, obj=None) -> tuple[str, object] | None:
    """The rule and the object to check: `<app>.<action>_<model>` on the object by default. A viewset of
    objects that follow a parent's rules (a roadmap's parts) overrides `permission_for(action, obj)`;
    returning None for "add" means the parent is checked when the object is created."""
    if hasattr(view, "permission_for"):
        return view.permission_for(action, obj)
    meta = view.queryset.model._meta
    return f"{meta.app_label}.{action}_{meta.model_name}", obj


class PortalPermission(BasePermission):
    """Reads are open to whoever the queryset shows the object to; creating needs the model-level rule
    (`add_<model>`); changing or deleting needs the object-level rule. Anonymous users never write."""

    def has_permission(self, request, view) -> bool:
        action = permission_action(view, request)
        if action == "view":
            return True
        if not request.user or not request.user.is_authenticated:
            return False
        if action == "add":
            rule = permission_for(view, action)
            return rule is None or request.user.has_perm(*rule)
        return True  # decided on the object, in has_object_permission

    def has_object_permission(self, request, view, obj) -> bool:
        action = permission_action(view, request)
        if action == "view":
            return True
        return request.user.has_perm(*permission_for(view, action, obj))
