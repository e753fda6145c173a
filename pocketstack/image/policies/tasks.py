from pocketstack.image.policies.base import ADMIN, DEFAULT, rule

rules = [
    rule("get_task", DEFAULT, "Show a task."),
    rule("get_tasks", DEFAULT, "List tasks."),
    rule("add_task", DEFAULT, "Create a task."),
    rule("modify_task", DEFAULT, "Update a task."),
    rule("tasks_api_access", ADMIN, "Use the tasks API at all."),
]
