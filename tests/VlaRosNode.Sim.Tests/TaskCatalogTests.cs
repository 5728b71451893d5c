using System.Numerics;
using VlaRosNode.Sim.Scene;
using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Sim.Tests;

public class TaskCatalogTests
{
    private static IEnumerable<TaskDefinition> Tasks() => TaskCatalog.All;

    [Test]
    public void EverySuiteHasTasksWithUniqueNamesAndInstructions()
    {
        Assert.That(TaskCatalog.All, Has.Count.GreaterThanOrEqualTo(10));
        foreach (var suite in Enum.GetValues<TaskSuite>())
            Assert.That(TaskCatalog.InSuite(suite).Count(), Is.GreaterThanOrEqualTo(3), suite.ToString());
        Assert.That(TaskCatalog.All.Select(t => t.Name), Is.Unique);
        Assert.That(TaskCatalog.All.Select(t => t.Instruction), Is.Unique);
        Assert.That(TaskCatalog.All.Select(t => t.Id), Is.EqualTo(Enumerable.Range(0, TaskCatalog.All.Count)));
    }

    [TestCaseSource(nameof(Tasks))]
    public void LayoutsAreDeterministicBySeedAndDifferBetweenSeeds(TaskDefinition task)
    {
        static string Layout(TaskDefinition task, int seed)
        {
            var scene = new TabletopScene();
            var goals = task.Build(scene, new Random(seed));
            return string.Join(";", scene.Objects) + string.Join(",", goals);
        }
        var first = Layout(task, 7);
        var again = Layout(task, 7);
        Assert.That(again, Is.EqualTo(first));
        Assert.That(Layout(task, 8), Is.Not.EqualTo(first));
    }

    [TestCaseSource(nameof(Tasks))]
    public void LayoutsKeepObjectsApartInsideTheWorkspaceAndStartUnsolved(TaskDefinition task)
    {
        for (var seed = 0; seed < 100; seed++)
        {
            var scene = new TabletopScene();
            var goals = task.Build(scene, new Random(seed));
            Assert.That(TaskDefinition.IsSuccess(scene, goals), Is.False, $"seed {seed} starts solved");
            foreach (var goal in goals)
                Assert.That(scene.Object(goal.ObjectId).IsGraspable, Is.True);
            foreach (var a in scene.Objects)
            {
                var p = a.Pose.Position;
                Assert.That(p.X, Is.InRange(LayoutBuilder.MinX, LayoutBuilder.MaxX));
                Assert.That(p.Y, Is.InRange(LayoutBuilder.MinY, LayoutBuilder.MaxY));
                foreach (var b in scene.Objects.Where(o => o.Id > a.Id))
                {
                    var gap = Vector2.Distance(new(p.X, p.Y), new(b.Pose.Position.X, b.Pose.Position.Y))
                        - ObjectCatalog.FootprintRadius(a.Kind) - ObjectCatalog.FootprintRadius(b.Kind);
                    Assert.That(gap, Is.GreaterThanOrEqualTo(LayoutBuilder.Clearance - 1e-6), $"seed {seed}: {a} and {b} overlap");
                }
            }
        }
    }

    [TestCase("left_red_cube_to_plate", -1)]
    [TestCase("right_red_cube_to_bowl", 1)]
    public void SpatialTargetsAreTheOnesTheInstructionLocates(string name, int side)
    {
        var task = TaskCatalog.All.Single(t => t.Name == name);
        for (var seed = 0; seed < 50; seed++)
        {
            var scene = new TabletopScene();
            var target = scene.Object(task.Build(scene, new Random(seed))[0].ObjectId);
            var twin = scene.Objects.Single(o => o.Id != target.Id && o.Kind == target.Kind && o.Color == target.Color);
            // Left in the camera image is world -y (the camera faces the arm).
            Assert.That(Math.Sign(target.Pose.Position.Y - twin.Pose.Position.Y), Is.EqualTo(side), $"seed {seed}");
        }
    }

    [Test]
    public void ObjectSuiteTargetsAreUniqueInTheirScene()
    {
        foreach (var task in TaskCatalog.InSuite(TaskSuite.Object))
            for (var seed = 0; seed < 50; seed++)
            {
                var scene = new TabletopScene();
                var target = scene.Object(task.Build(scene, new Random(seed))[0].ObjectId);
                Assert.That(scene.Objects.Count(o => o.Kind == target.Kind && o.Color == target.Color), Is.EqualTo(1));
                Assert.That(task.Instruction, Does.Contain(target.Name));
            }
    }

    [Test]
    public void UnknownSuiteNamesAreRejectedWithTheList()
    {
        Assert.That(TaskCatalog.ParseSuite("LONG"), Is.EqualTo(TaskSuite.Long));
        var error = Assert.Throws<ArgumentException>(() => TaskCatalog.ParseSuite("kitchen"))!;
        Assert.That(error.Message, Does.Contain("kitchen").And.Contain("spatial"));
        Assert.Throws<ArgumentException>(() => TaskCatalog.ParseSuite("7"));
    }
}
