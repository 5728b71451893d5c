"""Reads a ROS 2 Python launch file with the standard `ast` module (nothing is imported or run) and prints
what it starts as JSON, with substitutions written in the XML launch syntax ($(var x), $(find-pkg-share p),
$(env X)) so the C# tests check both formats the same way. Unknown constructs are reported, not guessed."""
import ast
import json
import sys

SUBSTITUTIONS = {"LaunchConfiguration": "var", "FindPackageShare": "find-pkg-share", "EnvironmentVariable": "env"}


class Reader:
    def __init__(self, tree):
        self.names = {}  # local variables of generate_launch_description: name -> expression
        self.result = {"args": [], "nodes": [], "includes": [], "processes": [], "timers": [], "unknown": []}
        self.tree = tree

    def text(self, node):
        """A substitution expression as one string."""
        if isinstance(node, ast.Constant):
            return str(node.value).lower() if isinstance(node.value, bool) else str(node.value)
        if isinstance(node, ast.Name) and node.id in self.names:
            return self.text(self.names[node.id])
        if isinstance(node, (ast.List, ast.Tuple)):
            return "".join(self.text(e) for e in node.elts)
        if isinstance(node, ast.Call):
            name = call_name(node)
            if name in SUBSTITUTIONS:
                return "$(%s %s)" % (SUBSTITUTIONS[name], self.text(node.args[0]))
            if name == "PathJoinSubstitution":
                return "/".join(self.text(e) for e in node.args[0].elts)
        self.result["unknown"].append(ast.dump(node)[:200])
        return "?"

    def keywords(self, call):
        return {k.arg: k.value for k in call.keywords}

    def visit(self, node):
        for child in ast.walk(node):
            if isinstance(child, ast.Assign) and len(child.targets) == 1 and isinstance(child.targets[0], ast.Name):
                self.names[child.targets[0].id] = child.value
        for child in ast.walk(node):
            if isinstance(child, ast.Call):
                self.call(child)

    def call(self, call):
        name = call_name(call)
        kw = self.keywords(call)
        if name == "DeclareLaunchArgument":
            default = kw.get("default_value")
            self.result["args"].append({"name": self.text(call.args[0]),
                                        "default": None if default is None else self.text(default)})
        elif name == "Node":
            params, files = [], []
            for p in kw.get("parameters", ast.List(elts=[])).elts:
                if isinstance(p, ast.Dict):
                    params += [{"name": self.text(k), "value": self.text(v)} for k, v in zip(p.keys, p.values)]
                else:
                    files.append(self.text(p))
            self.result["nodes"].append({"package": self.text(kw["package"]), "executable": self.text(kw["executable"]),
                                         "name": self.text(kw["name"]) if "name" in kw else None,
                                         "parameters": params, "parameter_files": files})
        elif name == "IncludeLaunchDescription":
            # IncludeLaunchDescription(XSource(path), launch_arguments={...}.items()): other forms are not guessed.
            source = call.args[0]
            args = kw.get("launch_arguments")
            pairs = args.func.value if isinstance(args, ast.Call) and isinstance(args.func, ast.Attribute) else ast.Dict(keys=[], values=[])
            if not isinstance(source, ast.Call) or not source.args or (args is not None and not isinstance(pairs, ast.Dict)):
                self.result["unknown"].append(ast.dump(call)[:200])
                return
            self.result["includes"].append({"file": self.text(source.args[0]),
                                            "args": {self.text(k): self.text(v) for k, v in zip(pairs.keys, pairs.values)}})
        elif name == "ExecuteProcess":
            self.result["processes"].append([self.text(e) for e in kw["cmd"].elts])
        elif name == "TimerAction":
            self.result["timers"].append(self.text(kw["period"]))


def call_name(call):
    f = call.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None


def main(path):
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read(), path)
    functions = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "generate_launch_description"]
    if len(functions) != 1:
        sys.exit("%s: no generate_launch_description() at top level" % path)
    reader = Reader(tree)
    reader.visit(functions[0])
    json.dump(reader.result, sys.stdout, indent=1)


if __name__ == "__main__":
    main(sys.argv[1])
