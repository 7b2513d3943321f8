from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    name = "kb.interchange"
    label = "interchange"
    verbose_name = "Nhập, xuất dữ liệu"
